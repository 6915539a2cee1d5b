import Probity

// Load the rules shipped with Probity once (a folder, a file, or files held in memory).
let rules = CommandLine.arguments.dropFirst().first ?? "../../Rules"
let engine = Engine(scheme: try Scheme.load(at: rules, shownAs: "Rules").get())

// A decision built in Swift: each value is checked against the field the rules declare.
let decision = try engine.decision(id: "lbb-s75-discharge", date: "2024-02-01", [
    "kind": "s75-new-agreement",
    "value": .money(Money(pence: 330_800_000)),
    "budget": "pooled-s75",
    "counterparty": "London Borough of Bromley",
    "service": "social-care",
    "place": "bromley",
])

// What it needs and whether it may proceed: the report `probity check` prints.
let report = engine.check(decision)
print(report.text, terminator: "")
print(report.canProceed ? "may proceed" : "may not proceed")

import ProbityEngine
import ProbitySemantics
import ProbitySupport
import ProbitySyntax

/// What Probity says about one decision. Rendered as text (``Report/text(sources:)``) or as
/// JSON (`probity.report/1`, documented in `docs/report-format.md`).
public struct Report: Sendable {
    public typealias Outcome = DecisionOutcome

    public typealias Action = ApprovalAction

    /// A rule, as reports cite it.
    public struct RuleReference: Sendable, Equatable {
        /// The rule's texts, each with its JSON form, in one object that every report citing the
        /// rule shares: a copy costs one retain, and a batch writes them without escaping them
        /// again on every line.
        package final class Texts: Sendable {
            package let id: EncodedJSONString
            package let title: EncodedJSONString
            package let location: EncodedJSONString
            package let citation: EncodedJSONString?

            init(id: String, title: String, location: String, citation: String?) {
                self.id = EncodedJSONString(id)
                self.title = EncodedJSONString(title)
                self.location = EncodedJSONString(location)
                self.citation = citation.map(EncodedJSONString.init)
            }

            private init(id: EncodedJSONString, title: EncodedJSONString, location: EncodedJSONString, citation: EncodedJSONString?) {
                self.id = id
                self.title = title
                self.location = location
                self.citation = citation
            }

            /// The same texts, each in storage of its own (for a report builder's replica).
            package var withOwnStorage: Texts {
                Texts(id: id.withOwnStorage, title: title.withOwnStorage, location: location.withOwnStorage,
                      citation: citation?.withOwnStorage)
            }
        }

        package private(set) var texts: Texts

        public init(id: String, title: String, location: String, citation: String?) {
            texts = Texts(id: id, title: title, location: location, citation: citation)
        }

        package init(texts: Texts) {
            self.texts = texts
        }

        public var id: String {
            get { texts.id.text }
            set { texts = Texts(id: newValue, title: title, location: location, citation: citation) }
        }

        public var title: String {
            get { texts.title.text }
            set { texts = Texts(id: id, title: newValue, location: location, citation: citation) }
        }

        /// `file:line` of the rule.
        public var location: String {
            get { texts.location.text }
            set { texts = Texts(id: id, title: title, location: newValue, citation: citation) }
        }

        /// The rule's `source` citation (the paper and section), if it has one.
        public var citation: String? {
            get { texts.citation?.text }
            set { texts = Texts(id: id, title: title, location: location, citation: newValue) }
        }

        public static func == (a: RuleReference, b: RuleReference) -> Bool {
            a.texts === b.texts || (a.id == b.id && a.title == b.title && a.location == b.location && a.citation == b.citation)
        }
    }

    /// The scheme's texts a report writes, each with its JSON form.
    package final class SchemeTexts: Sendable {
        package let name: EncodedJSONString
        package let version: EncodedJSONString
        package let digest: EncodedJSONString

        package init(_ scheme: SchemeInfo) {
            name = EncodedJSONString(scheme.name)
            version = EncodedJSONString(scheme.version)
            digest = EncodedJSONString(scheme.digest)
        }
    }

    /// An id and a title (a body's, a procedure's), each with its JSON form, made once per
    /// body or procedure and shared by every report that names it.
    package final class Named: Sendable {
        package let id: EncodedJSONString
        package let title: EncodedJSONString

        package init(id: String, title: String) {
            self.id = EncodedJSONString(id)
            self.title = EncodedJSONString(title)
        }

        private init(id: EncodedJSONString, title: EncodedJSONString) {
            self.id = id
            self.title = title
        }

        /// The same id and title, each in storage of its own (for a report builder's replica).
        package var withOwnStorage: Named {
            Named(id: id.withOwnStorage, title: title.withOwnStorage)
        }
    }

    public struct Approval: Sendable {
        package private(set) var approver: Named
        public var by: String {
            get { approver.id.text }
            set { approver = Named(id: newValue, title: byTitle) }
        }
        public var byTitle: String {
            get { approver.title.text }
            set { approver = Named(id: by, title: newValue) }
        }
        public var action: Action
        /// The first rule (in rule order) that requires it.
        public var rule: RuleReference
        /// Every rule that requires it, by id.
        package var ruleIDs: [EncodedJSONString]
        /// Every rule that requires it.
        public var rules: [String] {
            get { ruleIDs.map(\.text) }
            set { ruleIDs = newValue.map(EncodedJSONString.init) }
        }

        package init(approver: Named, action: Action, rule: RuleReference, ruleIDs: [EncodedJSONString]) {
            self.approver = approver
            self.action = action
            self.rule = rule
            self.ruleIDs = ruleIDs
        }
    }

    public struct ProcedureRequirement: Sendable {
        package private(set) var procedure: Named
        public var id: String {
            get { procedure.id.text }
            set { procedure = Named(id: newValue, title: title) }
        }
        public var title: String {
            get { procedure.title.text }
            set { procedure = Named(id: id, title: newValue) }
        }
        public var rule: RuleReference

        package init(procedure: Named, rule: RuleReference) {
            self.procedure = procedure
            self.rule = rule
        }
    }

    public struct Notice: Sendable {
        package private(set) var recipient: Named
        public var to: String {
            get { recipient.id.text }
            set { recipient = Named(id: newValue, title: toTitle) }
        }
        public var toTitle: String {
            get { recipient.title.text }
            set { recipient = Named(id: to, title: newValue) }
        }
        public var deemedApprovedAfter: Duration?
        /// Calendar days from the decision date to the deemed-approval date.
        public var deemedApprovedAfterDays: Int?
        public var deemedApprovedOn: Int32?
        public var rule: RuleReference

        package init(recipient: Named, deemedApprovedAfter: Duration?, deemedApprovedAfterDays: Int?, deemedApprovedOn: Int32?,
                     rule: RuleReference) {
            self.recipient = recipient
            self.deemedApprovedAfter = deemedApprovedAfter
            self.deemedApprovedAfterDays = deemedApprovedAfterDays
            self.deemedApprovedOn = deemedApprovedOn
            self.rule = rule
        }
    }

    public struct Undecided: Sendable {
        public var rule: RuleReference
        public var missingFields: [String]
    }

    public struct NearMiss: Sendable {
        public var rule: RuleReference
        /// Why it did not fire: the first condition that failed, with the values compared.
        public var reason: String
        /// The rule's place in the program's rules, so the builder need not look its id up.
        package var ruleIndex: Int
    }

    /// A problem found while checking the decision (a wrong decider, an unresolved attendee …).
    public struct Finding: Sendable {
        public var severity: Severity
        public var code: DiagnosticCode
        public var message: String
        /// Whether the finding stops the decision proceeding as proposed.
        public var isBlocking: Bool

        /// The finding as a diagnostic, for the one renderer.
        public var diagnostic: Diagnostic { Diagnostic(severity, code, message, in: nil) }

        /// `severity[code]: message`, as the renderer writes it, without the line break.
        public var line: String { String(DiagnosticRenderer(sources: SourceMap()).render(diagnostic).dropLast()) }

        package init(severity: Severity, code: DiagnosticCode, message: String, isBlocking: Bool) {
            self.severity = severity
            self.code = code
            self.message = message
            self.isBlocking = isBlocking
        }
    }

    /// A placeholder figure (a `let` marked `placeholder "…"`) that the answer rests on.
    public struct PlaceholderUse: Sendable {
        /// The constant's name.
        public var name: String
        /// Its value as the rule file writes it (`£250,000`).
        public var value: String
        /// The rules the answer used that test it, in rule order.
        public var rules: [String]
        /// What the rule file says must replace it.
        public var replaceWith: String
    }

    /// A requirement by its place in ``approvals`` (recommendations too), ``procedures`` or ``notices``.
    public enum Step: Equatable, Sendable {
        case approval(Int)
        case procedure(Int)
        case notice(Int)
    }

    public var decision: String
    public var date: Int32
    public var outcome: Outcome
    public var scheme: SchemeInfo {
        didSet { schemeTexts = nil }
    }
    /// The scheme's name, version and digest with their JSON forms, made once by the builder;
    /// nil when the report was made otherwise or its scheme changed since (they are then
    /// encoded as the report is written).
    package var schemeTexts: SchemeTexts?
    public var decidedBy: String?
    public var approvals: [Approval] = []
    public var procedures: [ProcedureRequirement] = []
    public var notices: [Notice] = []
    /// Every requirement in the order to take it, across kinds, when the rules give one
    /// (`steps in order`); empty when they do not, and the sections' order stands.
    public var steps: [Step] = []
    /// The rules whose `steps in order` gave ``steps`` its order.
    public var stepsOrderedBy: [RuleReference] = []
    public var rulesFired: [RuleReference] = []
    public var undecided: [Undecided] = []
    public var nearMisses: [NearMiss] = []
    public var conflicts: ConflictsReport?
    public var findings: [Finding] = []
    /// Placeholder figures the answer rests on: used by a rule that fired or, with no
    /// authority, by a rule that came near. Reported however lint accepted them.
    public var placeholders: [PlaceholderUse] = []
    /// Organisations named in a field the rules test that no rule file declares (P1021): the
    /// rules took each as none of the declared organisations.
    public var undeclaredOrganisations: [(field: String, written: String)] = []

    /// A step in words: "approval by council-executive", "procedure s75-icb-group-first".
    public func describe(_ step: Step) -> String {
        switch step {
        case .approval(let index): "\(approvals[index].action == .recommend ? "recommendation by" : "approval by") \(approvals[index].by)"
        case .procedure(let index): "procedure \(procedures[index].id)"
        case .notice(let index): "notice to \(notices[index].to)"
        }
    }

    /// Every step in the order to take it: ``steps`` when the rules order them, otherwise the
    /// approvals, then the procedures, then the notices.
    public var orderedSteps: [Step] {
        if !steps.isEmpty { return steps }
        return approvals.indices.map(Step.approval) + procedures.indices.map(Step.procedure) + notices.indices.map(Step.notice)
    }

    /// Whether the decision can proceed as proposed, with the listed approvals.
    public var canProceed: Bool {
        outcome == .authorised && !findings.contains(where: \.isBlocking)
    }
}

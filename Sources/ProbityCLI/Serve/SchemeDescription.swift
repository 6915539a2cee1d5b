import Probity
import ProbitySemantics
import ProbitySupport

/// `GET /v1/scheme` (`probity.scheme/1`): what a client needs to build a form and browse the
/// scheme — the decision fields with their choices, bodies and the delegation tree with members
/// and quorum, organisations, procedures, each rule with its text and source, and the register's
/// names — plus the scheme's digest, version and the last reload's result.
enum SchemeDescription {
    static func json(_ current: SchemeStore.Current) -> [UInt8] {
        let engine = current.engine
        let program = engine.program
        var out = JSONStreamWriter(pretty: false, capacity: 256 * 1024)
        out.object { out in
            out.member("format", "probity.scheme/1")
            out.member("name", program.scheme.name)
            out.member("version", program.scheme.version)
            out.member("digest", program.scheme.digest)
            out.member("effective_from", program.scheme.effectiveFrom.map { Day(number: $0).iso })
            out.member("effective_until", program.scheme.effectiveUntil.map { Day(number: $0).iso })
            out.member("loaded_at", current.loadedAt)
            out.member("last_reload", object: { out in
                if let reload = current.lastReload {
                    out.member("succeeded", reload.succeeded)
                    out.member("at", reload.at)
                    out.member("diagnostics", reload.diagnostics)
                }
            })
            out.member("fields", array: program.fields) { out, field in writeField(field, to: &out) }
            out.member("bodies", array: program.bodies.indices) { out, index in writeBody(index, program: program, to: &out) }
            out.member("organisations", array: program.organisations) { out, organisation in
                out.object { out in
                    out.member("id", organisation.id)
                    out.member("name", organisation.name)
                    out.member("aliases", strings: organisation.aliases)
                }
            }
            out.member("procedures", array: program.procedures) { out, procedure in
                out.object { out in
                    out.member("id", procedure.id)
                    out.member("title", procedure.title)
                    out.member("source", procedure.source)
                }
            }
            out.member("rules", array: program.rules) { out, rule in writeRule(rule, program: program, to: &out) }
            out.member("register", object: { out in
                out.member("file", engine.registerName)
                let people = engine.engine.register?.people ?? []
                out.member("people", strings: people.map(\.name).sorted())
                // Employers on the register: suggestions for counterparties and bidders.
                out.member("employers", strings: Set(people.map(\.employer).filter { !$0.isEmpty }).sorted())
                out.member("warnings", strings: engine.registerWarnings)
            })
        }
        out.endLine()
        return out.bytes
    }

    private static func writeField(_ field: Field, to out: inout JSONStreamWriter) {
        out.object { out in
            out.member("name", field.name)
            let (kind, choices) = describe(field.type)
            out.member("type", kind)
            out.member("set", field.type.elementType != nil)
            out.member("required", field.isRequired)
            if let choices { out.member("choices", strings: choices) }
        }
    }

    /// The type's kind for a form (`money`, `date`, `number`, `text`, `organisation`, `body`,
    /// `enumeration`) and an enumeration's values.
    private static func describe(_ type: FieldType) -> (String, [String]?) {
        switch type {
        case .money: ("money", nil)
        case .date: ("date", nil)
        case .number: ("number", nil)
        case .text: ("text", nil)
        case .organisation: ("organisation", nil)
        case .body: ("body", nil)
        case .enumeration(let values): ("enumeration", values)
        case .set(let element): describe(element)
        }
    }

    private static func writeBody(_ index: Int, program: Program, to out: inout JSONStreamWriter) {
        let body = program.bodies[index]
        out.object { out in
            out.member("id", body.id)
            out.member("title", body.title)
            out.member("kind", body.kind.rawValue)
            out.member("parent", body.parent.map { program.bodies[$0].id })
            out.member("advises", body.advises.map { program.bodies[$0].id })
            out.member("depth", integer: body.depth)
            out.member("source", body.source)
            if let committee = program.committees[index] {
                out.member("members", array: committee.members) { out, member in
                    out.object { out in
                        out.member("name", member.name)
                        out.member("organisation", member.organisation.map { program.organisations[$0].name })
                        out.member("role", member.role)
                        out.member("voting", member.isVoting)
                        out.member("chair", member.isChair)
                    }
                }
                out.member("quorum", strings: committee.quorum?.clauses.map(\.description) ?? [])
            }
        }
    }

    private static func writeRule(_ rule: Rule, program: Program, to out: inout JSONStreamWriter) {
        out.object { out in
            out.member("id", rule.id)
            out.member("title", rule.title)
            out.member("source", rule.source)
            out.member("location", program.sources.position(of: rule.range))
            out.member("text", program.sources[rule.range.file].text(in: rule.range))
            out.member("effective_from", rule.effectiveFrom.map { Day(number: $0).iso })
            out.member("effective_until", rule.effectiveUntil.map { Day(number: $0).iso })
            out.member("approvals", strings: rule.approvals.map { program.bodies[$0].id })
            out.member("recommendations", strings: rule.recommendations.map { program.bodies[$0].id })
            out.member("procedures", strings: rule.procedures.map { program.procedures[$0].id })
            out.member("notices", strings: rule.notices.map { program.bodies[$0.to].id })
        }
    }
}

import ProbitySyntax

extension Checker {
    /// Checks the `audit` block: one per program, `split sum` a money field, `split by` fields
    /// that can name a series (not money, not sets).
    mutating func checkAudit(_ syntax: AuditSyntax) {
        if let existing = audit?.range {
            error(.secondAuditBlock, "a second `audit` block; expected one per program", at: syntax.range,
                  notes: [DiagnosticNote("the first is here", at: existing)])
            return
        }
        var sum: Int?
        if let name = syntax.splitSum {
            if let index = fieldIndex[name.text] {
                if fields[index].type == .money {
                    sum = index
                } else {
                    error(.splitSumField, "`split sum \(name.text)`: `\(name.text)` is \(fields[index].type); expected a money field to add up", at: name.range)
                }
            } else {
                undeclaredField(name)
            }
        } else if let index = fieldIndex["value"], fields[index].type == .money {
            sum = index
        }
        var by: [Int] = []
        for name in syntax.splitBy {
            guard let index = fieldIndex[name.text] else {
                undeclaredField(name)
                continue
            }
            switch fields[index].type {
            case .money, .set:
                error(.splitByField, "`split by \(name.text)`: `\(name.text)` is \(fields[index].type); expected a field naming one thing (an organisation, text, a value of an enumeration, a body)", at: name.range)
            default:
                if by.contains(index) {
                    error(.splitByField, "`split by` names `\(name.text)` twice", at: name.range)
                } else {
                    by.append(index)
                }
            }
        }
        if syntax.splitBy.isEmpty, let index = fieldIndex["counterparty"] { by = [index] }
        if syntax.splitWindow != nil, syntax.splitSum == nil, sum == nil {
            error(.splitSumField, "`split window` is set but there is no money field to add up; expected `split sum FIELD`", at: syntax.range)
        }
        if syntax.splitWindow != nil, syntax.splitBy.isEmpty, by.isEmpty {
            error(.splitByField, "`split window` is set but no field makes decisions one series; expected `split by FIELD`", at: syntax.range)
        }
        for duration in [syntax.splitWindow, syntax.declarationReview].compactMap({ $0 }) where duration.amount <= 0 || duration.unit == .workingDays {
            error(.auditPeriod, "the `audit` block's period `\(duration)` must be a positive number of days, months or years", at: syntax.range)
        }
        audit = AuditPolicy(splitWindow: syntax.splitWindow, splitSum: sum, splitBy: by,
                            declarationReview: syntax.declarationReview, source: syntax.source?.value, range: syntax.range)
    }
}

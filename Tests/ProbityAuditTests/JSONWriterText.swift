import ProbityAudit
import ProbitySupport

/// The JSON report as text, for comparisons.
enum JSONWriterText {
    static func pretty(_ report: AuditReport) -> String { JSONWriter.pretty(report.json) }
}

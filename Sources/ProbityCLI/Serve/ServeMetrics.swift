import Synchronization

/// Counters for `GET /metrics`, in the Prometheus text format (version 0.0.4).
final class ServeMetrics: Sendable {
    /// Latency histogram bucket bounds, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct Counts {
        /// Keyed by `endpoint status`.
        var requests: [String: Int] = [:]
        var bucketCounts = [Int](repeating: 0, count: ServeMetrics.buckets.count)
        var latencyCount = 0
        var latencySum = 0.0
        var decisions: [String: Int] = [:]
        var reloads: [String: Int] = ["success": 0, "failure": 0]
        var decisionLogErrors = 0
    }

    private let counts = Mutex(Counts())

    /// Records one request: its endpoint (the route, never the raw path, so the label set stays
    /// bounded), status, and seconds taken.
    func request(endpoint: String, status: Int, seconds: Double) {
        counts.withLock { counts in
            counts.requests["\(endpoint) \(status)", default: 0] += 1
            counts.latencyCount += 1
            counts.latencySum += seconds
            if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { counts.bucketCounts[bucket] += 1 }
        }
    }

    func decision(outcome: String) {
        counts.withLock { $0.decisions[outcome, default: 0] += 1 }
    }

    func reload(succeeded: Bool) {
        counts.withLock { $0.reloads[succeeded ? "success" : "failure", default: 0] += 1 }
    }

    func decisionLogError() {
        counts.withLock { $0.decisionLogErrors += 1 }
    }

    var decisionLogErrors: Int { counts.withLock { $0.decisionLogErrors } }

    /// The exposition, with `openConnections` as a gauge.
    func text(openConnections: Int) -> String {
        let counts = self.counts.withLock { $0 }
        var out = "# HELP probity_http_requests_total HTTP requests answered, by endpoint and status.\n# TYPE probity_http_requests_total counter\n"
        for (key, value) in counts.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: " ")
            out += "probity_http_requests_total{endpoint=\"\(parts[0])\",status=\"\(parts[1])\"} \(value)\n"
        }
        out += "# HELP probity_http_request_duration_seconds Time from a whole request to its answer.\n# TYPE probity_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (index, bound) in Self.buckets.enumerated() {
            cumulative += counts.bucketCounts[index]
            out += "probity_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "probity_http_request_duration_seconds_bucket{le=\"+Inf\"} \(counts.latencyCount)\n"
        out += "probity_http_request_duration_seconds_sum \(counts.latencySum)\n"
        out += "probity_http_request_duration_seconds_count \(counts.latencyCount)\n"
        out += "# HELP probity_decisions_total Decisions checked, by outcome.\n# TYPE probity_decisions_total counter\n"
        for (outcome, value) in counts.decisions.sorted(by: { $0.key < $1.key }) {
            out += "probity_decisions_total{outcome=\"\(outcome)\"} \(value)\n"
        }
        out += "# HELP probity_reloads_total Reloads of the rules and register, by result.\n# TYPE probity_reloads_total counter\n"
        for (result, value) in counts.reloads.sorted(by: { $0.key < $1.key }) {
            out += "probity_reloads_total{result=\"\(result)\"} \(value)\n"
        }
        out += "# HELP probity_decision_log_errors_total Decision log lines that could not be written.\n# TYPE probity_decision_log_errors_total counter\n"
        out += "probity_decision_log_errors_total \(counts.decisionLogErrors)\n"
        out += "# HELP probity_http_open_connections Connections open now.\n# TYPE probity_http_open_connections gauge\n"
        out += "probity_http_open_connections \(openConnections)\n"
        return out
    }
}

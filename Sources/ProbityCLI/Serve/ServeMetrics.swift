import Synchronization

/// Counters for `GET /metrics`, in the Prometheus text format (version 0.0.4).
///
/// Every counter is an atomic, fixed when the server starts (endpoints, statuses, outcomes and
/// buckets are known sets), so recording a request takes no lock: a mutex here was a third of
/// the server's time under load, threads queueing for it.
final class ServeMetrics: Sendable {
    /// Latency histogram bucket bounds, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]
    /// The endpoint labels (the routes' names; never raw paths, so the label set stays bounded).
    static let endpoints = ["batch", "check", "explain", "graph", "health", "meeting", "metrics", "other", "page", "paper", "refused", "scheme", "screen", "vote"]
    /// Statuses the server answers with; anything else is counted as `other`.
    static let statuses = [200, 400, 403, 404, 405, 408, 409, 413, 414, 417, 431, 500, 501, 503, 505]
    static let outcomes = ["authorised", "no-authority", "wrong-decider"]

    /// One atomic counter (an array of these can be shared; `Atomic` itself cannot be copied).
    final class Counter: Sendable {
        let value = Atomic<Int>(0)
        func add(_ amount: Int = 1) { value.add(amount, ordering: .relaxed) }
        var current: Int { value.load(ordering: .relaxed) }
    }

    /// `endpoints.count × (statuses.count + 1)` counters, the last column for other statuses.
    private let requests: [Counter]
    private let bucketCounts: [Counter]
    private let latencyCount = Counter()
    private let latencyNanoseconds = Counter()
    private let decisions: [Counter]
    private let reloadSuccesses = Counter()
    private let reloadFailures = Counter()
    private let logErrors = Counter()

    init() {
        requests = (0..<(Self.endpoints.count * (Self.statuses.count + 1))).map { _ in Counter() }
        bucketCounts = Self.buckets.map { _ in Counter() }
        decisions = Self.outcomes.map { _ in Counter() }
    }

    /// Records one request: its endpoint, status, and nanoseconds taken.
    func request(endpoint: String, status: Int, nanoseconds: UInt64) {
        let row = Self.endpoints.firstIndex(of: endpoint) ?? Self.endpoints.firstIndex(of: "other")!
        let column = Self.statuses.firstIndex(of: status) ?? Self.statuses.count
        requests[row * (Self.statuses.count + 1) + column].add()
        latencyCount.add()
        latencyNanoseconds.add(Int(clamping: nanoseconds))
        let seconds = Double(nanoseconds) / 1e9
        if let bucket = Self.buckets.firstIndex(where: { seconds <= $0 }) { bucketCounts[bucket].add() }
    }

    func decision(outcome: String) {
        if let index = Self.outcomes.firstIndex(of: outcome) { decisions[index].add() }
    }

    func reload(succeeded: Bool) {
        (succeeded ? reloadSuccesses : reloadFailures).add()
    }

    func decisionLogError() { logErrors.add() }

    var decisionLogErrors: Int { logErrors.current }

    /// The exposition, with `openConnections` as a gauge. Counters never seen are left out.
    func text(openConnections: Int) -> String {
        var out = "# HELP probity_http_requests_total HTTP requests answered, by endpoint and status.\n# TYPE probity_http_requests_total counter\n"
        for (row, endpoint) in Self.endpoints.enumerated() {
            for column in 0...Self.statuses.count {
                let count = requests[row * (Self.statuses.count + 1) + column].current
                guard count > 0 else { continue }
                let status = column < Self.statuses.count ? String(Self.statuses[column]) : "other"
                out += "probity_http_requests_total{endpoint=\"\(endpoint)\",status=\"\(status)\"} \(count)\n"
            }
        }
        out += "# HELP probity_http_request_duration_seconds Time from a whole request to its answer.\n# TYPE probity_http_request_duration_seconds histogram\n"
        var cumulative = 0
        for (index, bound) in Self.buckets.enumerated() {
            cumulative += bucketCounts[index].current
            out += "probity_http_request_duration_seconds_bucket{le=\"\(bound)\"} \(cumulative)\n"
        }
        out += "probity_http_request_duration_seconds_bucket{le=\"+Inf\"} \(latencyCount.current)\n"
        out += "probity_http_request_duration_seconds_sum \(Double(latencyNanoseconds.current) / 1e9)\n"
        out += "probity_http_request_duration_seconds_count \(latencyCount.current)\n"
        out += "# HELP probity_decisions_total Decisions checked, by outcome.\n# TYPE probity_decisions_total counter\n"
        for (index, outcome) in Self.outcomes.enumerated() {
            out += "probity_decisions_total{outcome=\"\(outcome)\"} \(decisions[index].current)\n"
        }
        out += "# HELP probity_reloads_total Reloads of the rules and register, by result.\n# TYPE probity_reloads_total counter\n"
        out += "probity_reloads_total{result=\"failure\"} \(reloadFailures.current)\n"
        out += "probity_reloads_total{result=\"success\"} \(reloadSuccesses.current)\n"
        out += "# HELP probity_decision_log_errors_total Decision log lines that could not be written.\n# TYPE probity_decision_log_errors_total counter\n"
        out += "probity_decision_log_errors_total \(logErrors.current)\n"
        out += "# HELP probity_http_open_connections Connections open now.\n# TYPE probity_http_open_connections gauge\n"
        out += "probity_http_open_connections \(openConnections)\n"
        return out
    }
}

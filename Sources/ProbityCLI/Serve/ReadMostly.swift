import Glibc

/// A value read by every request and replaced rarely (on a reload), behind a read-write lock:
/// readers share the lock, so they do not queue behind each other as they would on a mutex.
final class ReadMostly<Value: Sendable>: @unchecked Sendable {
    // `value` is only touched with `lock` held: shared for reads, exclusive for writes.
    private var value: Value
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>

    init(_ value: Value) {
        self.value = value
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(lock, nil)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func read() -> Value {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return value
    }

    func update<Result>(_ change: (inout Value) -> Result) -> Result {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return change(&value)
    }
}

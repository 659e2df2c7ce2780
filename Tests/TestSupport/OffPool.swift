import Foundation

/// Runs CPU-heavy or blocking test work on a thread of its own and awaits its result.
///
/// Swift's cooperative pool has as many threads as cores (2 on the CI machine). A synchronous
/// test that computes for seconds holds one of them; two hold the whole pool, and every async
/// test waiting on a deadline (a simulator reply, a frame) starves meanwhile. Long loops go here.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// `offPool` for work that cannot throw.
public func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}

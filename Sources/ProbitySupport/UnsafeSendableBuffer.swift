/// A buffer handed to concurrent workers that each write their own elements, and only those.
/// The compiler cannot see that the writes never overlap, so the caller promises it.
public struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    public let buffer: UnsafeMutableBufferPointer<Element>

    public init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        self.buffer = buffer
    }
}

import ABAssign
import Foundation

/// Writes rejected lines as JSON lines: `{"file", "line", "reason", "field", "detail", "raw"}`,
/// with `rawBase64` instead of `raw` for a line that is not valid UTF-8, so every rejected line
/// can be recovered byte for byte.
public final class RejectWriter {
    private let output: ByteOutput?
    private var buffer: [UInt8] = []
    /// The first reject written, for `--strict` messages.
    public private(set) var first: (file: String, line: Int, reason: String)?

    /// Writes to `path` (created or truncated), or nowhere when `path` is nil (counts still kept).
    public init(path: String?) throws(CollectorError) {
        guard let path else { output = nil; return }
        do { output = try OutputFile(path: path, strategy: .stream) } catch {
            throw .unwritable(path: path, reason: error.reason)
        }
    }

    /// Writes to `output` (standard error, say), which the caller owns.
    public init(output: ByteOutput) { self.output = output }

    deinit { flush() }

    /// Records one rejected line, given whole (without its line end). A line over the limit
    /// also gets `rawLength`.
    public func reject(
        file: String, line: Int, reason: RejectReason, field: String?, detail: String, raw: UnsafeBufferPointer<UInt8>
    ) {
        guard var members = start(file: file, line: line, reason: reason, field: field, detail: detail) else { return }
        if let text = String(validating: raw, as: UTF8.self) {
            members.append(("raw", .string(text)))
        } else {
            members.append(("rawBase64", .string(Data(raw).base64EncodedString())))
        }
        if reason == .lineTooLong { members.append(("rawLength", .number(Double(raw.count)))) }
        append(members)
    }

    /// Records one rejected line as the reader handed it over: bytes, or an over-long line that
    /// may be spooled to disk (then streamed out as `rawBase64` without holding it in memory).
    public func reject(file: String, line: Int, reason: RejectReason, field: String?, detail: String, raw: RejectedBytes) {
        switch raw {
        case let .bytes(bytes):
            reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: bytes)
        case let .overlong(overlong):
            if overlong.withContiguousBytes({ reject(file: file, line: line, reason: reason, field: field, detail: detail, raw: $0) }) {
                return
            }
            guard var members = start(file: file, line: line, reason: reason, field: field, detail: detail) else { return }
            members.append(("rawLength", .number(Double(overlong.length))))
            members.append(("rawBase64", .string("")))
            // The object up to the empty base64 string's closing quote, the pieces, then the rest.
            var head = Array(JSONWriter.string(.object(JSONObject(members))).utf8)
            head.removeLast(2)
            buffer.append(contentsOf: head)
            overlong.forEachPiece { piece in
                buffer.append(contentsOf: Data(piece).base64EncodedString().utf8)
                if buffer.count >= 1 << 16 { flush() }
            }
            buffer.append(contentsOf: "\"}\n".utf8)
            if buffer.count >= 1 << 16 { flush() }
        }
    }

    /// The members every reject starts with; nil when nothing is written (no file).
    private func start(file: String, line: Int, reason: RejectReason, field: String?, detail: String) -> [(key: String, value: JSONValue)]? {
        if first == nil { first = (file, line, "\(reason.rawValue)\(field.map { " (\($0))" } ?? ""): \(detail)") }
        guard output != nil else { return nil }
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("line", .number(Double(line))), ("reason", .string(reason.rawValue)),
        ]
        if let field { members.append(("field", .string(field))) }
        members.append(("detail", .string(detail)))
        return members
    }

    private func append(_ members: [(key: String, value: JSONValue)]) {
        buffer.append(contentsOf: JSONWriter.string(.object(JSONObject(members))).utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes buffered rejects to the file.
    public func flush() {
        guard let output, !buffer.isEmpty else { return }
        output.write(buffer)
        output.flush()
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes everything out and closes the file.
    /// - Throws: ``CollectorError/unwritable(path:reason:)`` when a write failed (a full disk, say).
    public func finish() throws(CollectorError) {
        flush()
        do { try (output as? OutputFile)?.commit() } catch { throw .unwritable(path: error.path, reason: error.reason) }
    }
}

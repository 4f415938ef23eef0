import ABAssign
import Foundation

/// Writes rejected lines as JSON lines: `{"file", "line", "reason", "field", "detail", "raw"}`,
/// with `rawBase64` instead of `raw` for a line that is not valid UTF-8, so every rejected line
/// can be recovered byte for byte.
public final class RejectWriter {
    private let output: OutputFile?
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

    deinit { flush() }

    /// Records one rejected line.
    public func reject(
        file: String, line: Int, reason: RejectReason, field: String?, detail: String, raw: UnsafeBufferPointer<UInt8>,
        truncatedFrom length: Int? = nil
    ) {
        if first == nil { first = (file, line, "\(reason.rawValue)\(field.map { " (\($0))" } ?? ""): \(detail)") }
        guard output != nil else { return }
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("line", .number(Double(line))), ("reason", .string(reason.rawValue)),
        ]
        if let field { members.append(("field", .string(field))) }
        members.append(("detail", .string(detail)))
        if let text = String(validating: raw, as: UTF8.self) {
            members.append(("raw", .string(text)))
        } else {
            members.append(("rawBase64", .string(Data(raw).base64EncodedString())))
        }
        if let length { members.append(("rawLength", .number(Double(length)))) }
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
        do { try output?.commit() } catch { throw .unwritable(path: error.path, reason: error.reason) }
    }
}

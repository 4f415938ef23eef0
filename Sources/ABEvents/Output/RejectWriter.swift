import ABAssign
import Foundation

/// Writes rejected lines as JSON lines: `{"file", "line", "reason", "field", "detail", "raw"}`.
public final class RejectWriter {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    /// The first reject written, for `--strict` messages.
    public private(set) var first: (file: String, line: Int, reason: String)?

    /// Writes to `path` (created or truncated), or nowhere when `path` is nil (counts still kept).
    public init(path: String?) throws(CollectorError) {
        guard let path else { handle = nil; return }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw .unreadable(path: path, reason: "cannot create the rejects file")
        }
        self.handle = handle
    }

    deinit { flush() }

    /// Records one rejected line.
    public func reject(
        file: String, line: Int, reason: RejectReason, field: String?, detail: String, raw: UnsafeBufferPointer<UInt8>,
        truncatedFrom length: Int? = nil
    ) {
        if first == nil { first = (file, line, "\(reason.rawValue)\(field.map { " (\($0))" } ?? ""): \(detail)") }
        guard handle != nil else { return }
        var members: [(key: String, value: JSONValue)] = [
            ("file", .string(file)), ("line", .number(Double(line))), ("reason", .string(reason.rawValue)),
        ]
        if let field { members.append(("field", .string(field))) }
        members.append(("detail", .string(detail)))
        members.append(("raw", .string(String(decoding: raw, as: UTF8.self))))
        if let length { members.append(("rawLength", .number(Double(length)))) }
        buffer.append(contentsOf: JSONWriter.string(.object(JSONObject(members))).utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes buffered rejects out.
    public func flush() {
        guard let handle, !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}

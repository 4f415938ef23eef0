import ABSummary
import ABAssign
import Foundation

/// Reads and decodes a JSON input file, turning every failure into an `ABKitError` that
/// names the file and the JSON path of the offending field.
package enum JSONFileLoader {
    /// Reads `path` (or standard input for "-").
    package static func data(at path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ABKitError.missingInput(path: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else {
            throw ABKitError.missingInput(path: path, reason: "it is a directory, expected a JSON file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            // Foundation's text names the file again ("The file “x” couldn’t be opened…"); the path is the prefix.
            throw ABKitError.missingInput(
                path: path, reason: FileManager.default.isReadableFile(atPath: path) ? error.localizedDescription : "permission denied")
        }
    }

    /// Decodes `T` from `data`, reporting errors against `path`: the one place where a JSON input's
    /// decoding errors become messages (JSON path, what was expected, what the file holds).
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            if case let .dataCorrupted(context) = error, context.codingPath.isEmpty {
                // Foundation says only "The given data was not valid JSON." for syntax errors and for
                // numbers a field cannot hold (1.5 or 1e20 for a count, 1e400 anywhere): find which.
                let (location, message) = locateUnreadable(type, data)
                throw ABKitError.badData(path: path, location: location, message: message)
            }
            throw ABKitError.badData(path: path, location: error.jsonPath, message: error.userMessage)
        } catch let error as ABKitError {
            throw error
        } catch {
            throw ABKitError.badData(path: path, location: "", message: "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// The location and message of a document Foundation refused without a coding path.
    static func locateUnreadable<T: Decodable>(_ type: T.Type, _ data: Data) -> (String, String) {
        let bytes = [UInt8](data)
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return (lineAndColumn(of: error.offset, in: bytes), "not valid JSON: \(error.message)")
        }
        // Valid JSON, so a number did not fit its field. Candidates are the numbers an Int or a
        // Double may refuse; replacing a prefix of them by 0 finds the first refused one in
        // O(log n) decodes (the error persists while any refused number is left).
        var candidates: [(path: String, number: Double)] = []
        collectCandidates(value, path: "", into: &candidates)
        func decodes(replacingFirst count: Int) -> Bool {
            var remaining = count
            let patched = replacingCandidates(value, remaining: &remaining)
            do {
                _ = try JSONDecoder().decode(T.self, from: Data(JSONWriter.string(patched).utf8))
                return true
            } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
                return false
            } catch {
                return true
            }
        }
        var low = 0, high = candidates.count
        guard high > 0, decodes(replacingFirst: high) else { return ("", "not valid JSON") }
        while low < high {
            let middle = (low + high) / 2
            if decodes(replacingFirst: middle) { high = middle } else { low = middle + 1 }
        }
        let culprit = candidates[max(low - 1, 0)]
        let n = culprit.number
        let message: String
        if !n.isFinite {
            message = "the number is too large (the largest is about 1.8e308)"
        } else if n != n.rounded() {
            message = "expected a whole number, got \(NumberText.exact(n))"
        } else {
            // The parsed Double has lost the digits as written (99999999999999999999 reads as 1e20),
            // so the message says where the value lies rather than echo a number the user did not write.
            message = "expected a whole number from -9223372036854775808 to 9223372036854775807, got one beyond that range"
        }
        return (culprit.path, message)
    }

    /// Numbers a Swift `Int` (fractions, beyond 64 bits) or `Double` (beyond its range) may refuse.
    private static func collectCandidates(_ value: JSONValue, path: String, into candidates: inout [(path: String, number: Double)]) {
        switch value {
        case let .number(n):
            if !n.isFinite || n != n.rounded() || abs(n) >= 0x1p63 { candidates.append((path, n)) }
        case let .array(items):
            for (i, item) in items.enumerated() { collectCandidates(item, path: "\(path)[\(i)]", into: &candidates) }
        case let .object(object):
            for (key, item) in object.members {
                collectCandidates(item, path: path.isEmpty ? key : "\(path).\(key)", into: &candidates)
            }
        case .null, .bool, .string: break
        }
    }

    /// `value` with its first `remaining` candidate numbers replaced by 0, in the order of `collectCandidates`.
    private static func replacingCandidates(_ value: JSONValue, remaining: inout Int) -> JSONValue {
        switch value {
        case let .number(n):
            guard remaining > 0, !n.isFinite || n != n.rounded() || abs(n) >= 0x1p63 else { return value }
            remaining -= 1
            return .number(0)
        case let .array(items):
            return .array(items.map { replacingCandidates($0, remaining: &remaining) })
        case let .object(object):
            return .object(JSONObject(object.members.map { (key: $0.key, value: replacingCandidates($0.value, remaining: &remaining)) }))
        case .null, .bool, .string: return value
        }
    }

    /// "line L, column C" of a byte offset, counting columns in bytes from 1.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> String {
        var line = 1, column = 1
        for byte in bytes.prefix(offset) {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
        }
        return "line \(line), column \(column)"
    }

    /// Reads and decodes in one step.
    package static func load<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
        try decode(type, from: try data(at: path), path: path)
    }
}

extension DecodingError {
    /// The coding path as a JSON path such as `metrics[1].variants[0].conversions`.
    var jsonPath: String {
        let path: [any CodingKey]
        switch self {
        case let .keyNotFound(key, context): path = context.codingPath + [key]
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            path = context.codingPath
        @unknown default: path = []
        }
        return JSONPath.render(path)
    }

    /// What went wrong, phrased for a person editing the file: what was expected and what the file holds,
    /// never Swift's own wording ("Expected to decode Int but found …", type names).
    var userMessage: String {
        switch self {
        case let .keyNotFound(key, _): return "the required field '\(key.stringValue)' is missing"
        case let .typeMismatch(type, context):
            return "expected \(JSONPath.describe(type)), got \(JSONPath.found(in: context.debugDescription))"
        case let .valueNotFound(type, _): return "expected \(JSONPath.describe(type)), got null"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return JSONPath.invalidValue(context.debugDescription)
        @unknown default: return "invalid value"
        }
    }
}

/// Formatting of coding paths and Swift types for error messages.
enum JSONPath {
    static func render(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return result
    }

    /// What a type mismatch found, from Foundation's "Expected to decode X but found Y instead."
    static func found(in description: String) -> String {
        guard let start = description.range(of: "but found "), let end = description.range(of: " instead", range: start.upperBound..<description.endIndex)
        else { return "a value of another type" }
        switch String(description[start.upperBound..<end.lowerBound]) {
        case "a dictionary", "dictionary": return "an object"
        case "an array", "array": return "an array"
        case "a string", "string": return "a string"
        case "a number", "number": return "a number"
        case "a bool", "bool", "a boolean": return "true or false"
        case "null", "a null value": return "null"
        case let other: return other
        }
    }

    /// An enumeration's refused raw value ("Cannot initialize T from invalid String value v") as
    /// the accepted values and the value given.
    static func invalidValue(_ description: String) -> String {
        let marker = "from invalid String value "
        guard let range = description.range(of: marker) else { return description }
        let given = String(description[range.upperBound...])
        let typeName = description.hasPrefix("Cannot initialize ")
            ? String(description[description.index(description.startIndex, offsetBy: 18)..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
            : ""
        let choices: [String]? = switch typeName {
        case "StatisticShape": StatisticShape.allCases.map(\.rawValue)
        default: nil
        }
        if let choices { return "expected one of \(choices.joined(separator: ", ")), got \"\(given)\"" }
        return "is not an accepted value (got \"\(given)\")"
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "a whole number"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "a value of type \(name)"
        }
    }
}

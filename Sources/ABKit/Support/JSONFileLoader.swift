import Foundation

/// Reads and decodes a JSON input file, turning every failure into an `ABKitError` that
/// names the file and the JSON path of the offending field.
public enum JSONFileLoader {
    /// Reads `path` (or standard input for "-").
    public static func data(at path: String) throws -> Data {
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
            throw ABKitError.missingInput(path: path, reason: error.localizedDescription)
        }
    }

    /// Decodes `T` from `data`, reporting errors against `path`.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data, path: String) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw ABKitError.badData(path: path, location: error.jsonPath, message: error.userMessage)
        } catch let error as ABKitError {
            throw error
        } catch {
            throw ABKitError.badData(path: path, location: "", message: "not valid JSON (\(error.localizedDescription))")
        }
    }

    /// Reads and decodes in one step.
    public static func load<T: Decodable>(_ type: T.Type, from path: String) throws -> T {
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

    /// What went wrong, phrased for a person editing the file.
    var userMessage: String {
        switch self {
        case let .keyNotFound(key, _): return "the required field '\(key.stringValue)' is missing"
        case let .typeMismatch(type, context): return "expected \(JSONPath.describe(type)); \(context.debugDescription)"
        case let .valueNotFound(type, _): return "expected \(JSONPath.describe(type)), found null"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not valid JSON (\(context.underlyingError?.localizedDescription ?? context.debugDescription))" }
            return context.debugDescription
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

import Foundation

/// Encodes an `AnalysisResult` as the result JSON of docs/result-json.md.
public enum ResultJSON {
    /// Pretty-printed JSON with sorted keys, so that the same result always gives the same bytes.
    public static func encode(_ result: AnalysisResult) throws -> String { try encode(value: result) }

    /// Any report (`abkit power`, `abkit plan`) in the same pretty, sorted, NaN-free form.
    package static func encode(value result: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Results never hold NaN or infinity (ABStats throws instead); fail loudly if one slips through.
        encoder.nonConformingFloatEncodingStrategy = .throw
        return String(decoding: try encoder.encode(result), as: UTF8.self)
    }
}

import ABEvents

import ABSummary

extension SummaryTimeline {
    /// Whether `text` is a calendar date YYYY-MM-DD (the collector writes UTC days so), checked
    /// by the collector's own date parser, which knows each month's length.
    static func isCalendarDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && bytes.withUnsafeBufferPointer { TimestampParsing.iso8601($0) } != nil
    }

    /// Checks what the cumulative analysis relies on, naming the JSON path of each problem.
    func validate(variantKeys: [String], path: String) throws {
        func fail(_ location: String, _ message: String) -> ABKitError {
            ABKitError.badData(path: path, location: "timeline.\(location)", message: message)
        }
        guard type == .proportion || type == .mean else {
            throw fail("type", "expected proportion or mean (got \(type.rawValue))")
        }
        var previous: String?
        for (d, day) in days.enumerated() {
            let at = "days[\(d)]"
            guard Self.isCalendarDate(day.date) else {
                throw fail("\(at).date", "expected a date such as 2026-11-02 (got \"\(day.date)\")")
            }
            if let previous, day.date <= previous {
                throw fail("\(at).date", "dates must increase (\(day.date) follows \(previous))")
            }
            previous = day.date
            var seen = Set<String>()
            for (v, variant) in day.variants.enumerated() {
                let vat = "\(at).variants[\(v)]"
                guard variantKeys.contains(variant.key) else { throw fail("\(vat).key", "no variant '\(variant.key)' in the metrics") }
                guard seen.insert(variant.key).inserted else { throw fail("\(vat).key", "duplicate variant key '\(variant.key)'") }
                guard variant.units >= 0 else { throw fail("\(vat).units", "must be ≥ 0 (got \(variant.units))") }
                if let maturing = variant.maturing, maturing < 0 { throw fail("\(vat).maturing", "must be ≥ 0 (got \(maturing))") }
                if type == .proportion {
                    guard let conversions = variant.conversions else { throw fail("\(vat).conversions", "is required for a proportion timeline") }
                    guard (0...variant.units).contains(conversions) else {
                        throw fail("\(vat).conversions", "must be between 0 and units (\(variant.units)), got \(conversions)")
                    }
                } else {
                    guard let sum = variant.sum, sum.isFinite else { throw fail("\(vat).sum", "must be a finite number") }
                    guard let squares = variant.sumSquares, squares.isFinite, squares >= 0 else {
                        throw fail("\(vat).sumSquares", "must be a finite number ≥ 0")
                    }
                }
            }
        }
    }
}

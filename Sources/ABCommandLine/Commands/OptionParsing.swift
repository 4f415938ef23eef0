import ABEvents
import ABSummary
import ABKit
import ABStats

/// Parsing of option values shared by several commands; errors are usage errors (exit 64).
package enum OptionParsing {
    /// Parses `--prior a,b` into two positive numbers.
    package static func prior(_ text: String) throws -> (alpha: Double, beta: Double) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), a.isFinite, b.isFinite, a > 0, b > 0 else {
            throw ABKitError.usage("--prior expects two numbers a,b > 0 such as 1,1 (got '\(text)')")
        }
        return (a, b)
    }

    /// Parses `--correction bonferroni|holm|bh|none`.
    package static func correction(_ text: String) throws -> MultipleComparisonCorrection {
        guard let value = MultipleComparisonCorrection(named: text) else {
            let choices = MultipleComparisonCorrection.allCases.map(\.rawValue).joined(separator: "|")
            throw ABKitError.usage("--correction expects one of \(choices) (got '\(text)')")
        }
        return value
    }

    /// Parses `--correction-scope analysis|metric`.
    package static func correctionScope(_ text: String) throws -> AnalysisOptions.CorrectionScope {
        guard let value = AnalysisOptions.CorrectionScope(rawValue: text.lowercased()) else {
            throw ABKitError.usage("--correction-scope expects analysis or metric (got '\(text)')")
        }
        return value
    }

    /// Parses `--spending obrien-fleming|pocock`.
    package static func spending(_ text: String) throws -> AlphaSpending {
        let aliases = ["obf": "obrien-fleming", "obrienfleming": "obrien-fleming", "o'brien-fleming": "obrien-fleming"]
        let name = text.lowercased()
        guard let value = AlphaSpending(rawValue: aliases[name] ?? name) else {
            throw ABKitError.usage("--spending expects obrien-fleming or pocock (got '\(text)')")
        }
        return value
    }

    /// Parses `--format text|json|markdown`.
    package static func format(_ text: String) throws -> ReportFormat {
        guard let value = ReportFormat(rawValue: text.lowercased()) else {
            let choices = ReportFormat.allCases.map(\.rawValue).joined(separator: "|")
            throw ABKitError.usage("--format expects one of \(choices) (got '\(text)')")
        }
        return value
    }

    /// Parses `metric=value` (for `--baseline`).
    package static func baseline(_ text: String) throws -> (metric: String, value: Double) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
            throw ABKitError.usage("--baseline expects metric=value such as activated_7d=0.2 (got '\(text)')")
        }
        return (parts[0], value)
    }

    /// Parses `metric:variant=effect`, the effect relative (0.1 or +10%) (for `--effect`).
    package static func effect(_ text: String) throws -> (metric: String, variant: String, effect: Double) {
        let sides = text.split(separator: "=", maxSplits: 1).map(String.init)
        let names = sides.first?.split(separator: ":", maxSplits: 1).map(String.init) ?? []
        var amount = sides.count == 2 ? sides[1] : ""
        let isPercent = amount.hasSuffix("%")
        if isPercent { amount.removeLast() }
        guard names.count == 2, !names[0].isEmpty, !names[1].isEmpty, let number = Double(amount) else {
            throw ABKitError.usage("--effect expects metric:variant=effect such as activated_7d:one-hour=+10% (got '\(text)')")
        }
        return (names[0], names[1], isPercent ? number / 100 : number)
    }
}

import Foundation

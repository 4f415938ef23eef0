import ABAssign
import ABKit
import Foundation

/// The send-time rule of each variant of one experiment, read once from the variants'
/// messages, and the resolution of a record's `sendAt`.
package struct SendTimePlan: Sendable {
    /// Per variant: the rule, or `nil` when the message has no `delay`/`sendAt`.
    package var rules: [SendTime?]
    /// Per variant: whether it has a message at all (a message without timing goes at exposure).
    package var hasMessage: [Bool]
    /// The experiment's zone, the fallback for users without a known `timezone` attribute.
    package var experimentTimeZone: String?

    /// Reads the plan of `spec`'s variants; fails with the file and the message's JSON path when
    /// a timing the experiment-file reader accepts cannot be resolved (a `delay` in months).
    package init(_ spec: ExperimentSpec, file: String) throws(ExperimentSpecError) {
        var rules: [SendTime?] = []
        for (i, variant) in spec.variants.enumerated() {
            guard let message = variant.message?.payload else { rules.append(nil); continue }
            do { rules.append(try SendTime(message: message)) } catch {
                let path = "variants[\(i)].message" + (error.field.isEmpty ? "" : "." + error.field)
                throw .invalid(file: file, problems: [SpecProblem(path: path, message: error.message)])
            }
        }
        self.rules = rules
        hasMessage = spec.variants.map { $0.message != nil }
        experimentTimeZone = spec.timeZone
    }

    /// Whether any variant's message has a `delay` or `sendAt`, so records need an exposure time.
    package var hasTiming: Bool { rules.contains { $0 != nil } }

    /// The UTC send time of variant `index` for a user exposed at `exposure` whose `timezone`
    /// attribute is `userTimeZone`: the rule's instant, the exposure itself for a message without
    /// timing, `nil` without a message or when no zone is known for a local `sendAt`.
    package func sendAt(variant index: Int, exposure: Date, userTimeZone: String?) -> String? {
        guard hasMessage[index] else { return nil }
        guard let rule = rules[index] else { return ExposureTime.utcString(exposure) }
        guard let instant = try? rule.resolve(exposure: exposure, userTimeZone: userTimeZone, experimentTimeZone: experimentTimeZone) else {
            return nil
        }
        return ExposureTime.utcString(instant)
    }
}

import ABAssign
import ABEvents
import ABSummary

/// The `holdout` section of an experiment file that analyzes a global holdout:
/// `{"id", "share", "period", "maxAge"}`, the id, share and period the experiments it covers name
/// in `assignment.holdout`.
///
/// Such a file gives no variants and no assignment: its two groups are `holdout` (control, the
/// share held out of every covered experiment) and `messaged` (everyone else), assigned by the
/// holdout's own hash (seed `"__holdout__" + id`, hash version 2, as ``Holdout`` draws it; for a
/// periodic holdout, the draw of the period holding each unit's exposure), so the analysis sees
/// exactly the users the experiments kept out. The metrics then measure the cumulative effect of
/// all the messaging those experiments send against no messaging.
package struct HoldoutAnalysis: Sendable, Hashable, Codable {
    /// The holdout id.
    package var id: String
    /// The share held out, in (0, 1).
    package var share: Double
    /// How often the holdout is drawn again, if it is.
    package var period: RedrawPeriod?
    /// How long one draw may keep the same users out before the reports warn (default: 90 days
    /// for a lasting draw, the longest period for a periodic one).
    package var maxAge: ISODuration?

    /// The age past which a lasting draw is old when `maxAge` is not given: about a quarter,
    /// after which a held-out user has missed a season of messaging and the holdout stops
    /// looking like the users the messages now reach.
    package static let defaultMaxAgeDays = 90

    /// The age past which the reports warn: `maxAge`, else 90 days for a lasting draw and the
    /// longest period (7, 31, 92 or 366 days) for a periodic one, which then never warns.
    package var maxAgeDays: Double {
        maxAge.map { $0.seconds / 86_400 } ?? Double(period?.longestDays ?? Self.defaultMaxAgeDays)
    }

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["id", "share", "period", "maxAge"]) else { return nil }
        let id = r.string(o, "id", path, required: true)
        let share = r.number(o, "share", path, required: true, in: 0...1)
        if let share, share <= 0 || share >= 1 {
            r.fail(SpecReader.join(path, "share"), "expected a share strictly between 0 and 1 to compare the held-out users with the others, got \(JSNumber.string(share))")
            return nil
        }
        period = r.string(o, "period", path, oneOf: RedrawPeriod.allCases.map(\.rawValue)).flatMap(RedrawPeriod.init(rawValue:))
        maxAge = r.duration(o, "maxAge", path)
        if let maxAge, maxAge.seconds <= 0 {
            r.fail(SpecReader.join(path, "maxAge"), "expected a positive duration such as \"P90D\" (how long one draw may keep the same users out), got \"\(maxAge.text)\"")
        }
        guard let id, let share else { return nil }
        self.id = id
        self.share = share
    }

    /// The two groups, held-out users first (the control).
    var variants: JSONValue {
        .array([
            .object(JSONObject([(key: "key", value: .string("holdout")), (key: "weight", value: .number(share)), (key: "control", value: .bool(true))])),
            .object(JSONObject([(key: "key", value: .string("messaged")), (key: "weight", value: .number(1 - share))])),
        ])
    }

    /// The holdout's own draw: ``Holdout``'s seed and hash version (the period's label is added
    /// per unit by the configuration's `seedPeriod`).
    var assignment: JSONValue {
        .object(JSONObject([(key: "seed", value: .string(Holdout.seedPrefix + id)), (key: "hashVersion", value: .number(2))]))
    }

    /// How old the draw the data end in is, from the exposure days of `timeline`: a lasting
    /// draw from the first exposure day, a periodic one from the start of its period (or the
    /// first exposure day, if later), to the last exposure day; no ages without a timeline.
    /// `longestWindowDays` is the longest time after exposure any metric reads events.
    package func status(timeline: SummaryTimeline?, longestWindowDays: Double?) -> HoldoutStatus {
        var status = HoldoutStatus(id: id, share: share, period: period, maxAgeDays: maxAgeDays)
        status.longestWindowDays = longestWindowDays
        let days = (timeline?.days ?? []).compactMap { SummaryAnalyzer.dayNumber($0.date).map(Int64.init) }
        guard let first = days.min(), let last = days.max() else { return status }
        var start = first
        if let period {
            let index = period.index(ofDay: last)
            status.draw = period.label(ofIndex: index)
            start = Swift.max(first, period.startDay(ofIndex: index))
        }
        status.drawStart = UTCDay.date(ofDay: start)
        status.lastExposure = UTCDay.date(ofDay: last)
        // Both ends are whole exposure days.
        let age = Double(last - start + 1)
        status.ageDays = age
        status.tooOld = age > status.maxAgeDays
        return status
    }
}

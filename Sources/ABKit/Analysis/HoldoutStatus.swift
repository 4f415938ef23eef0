import ABAssign

/// The result block of a global holdout's analysis: which draw the data end in, and how long it
/// has kept the same users from messaging.
///
/// A holdout kept for too long stops being a fair control: its users have missed a season of
/// messages (and may churn for that reason alone), and new users keep joining the messaged side
/// under messaging the holdout never saw. The reports warn when the draw is older than
/// `maxAgeDays`; a periodic holdout stays young by design.
public struct HoldoutStatus: Codable, Sendable, Equatable {
    /// The holdout id.
    public var id: String
    /// The share held out.
    public var share: Double
    /// How often the holdout is drawn again, if it is.
    public var period: RedrawPeriod?
    /// The label of the draw the data end in (`2027-Q1`), for a periodic holdout.
    public var draw: String?
    /// The first exposure day (UTC) of that draw in the data.
    public var drawStart: String?
    /// The last exposure day (UTC) in the data.
    public var lastExposure: String?
    /// Days from `drawStart` to `lastExposure`, both included; absent without a timeline.
    public var ageDays: Double?
    /// The age past which the reports warn.
    public var maxAgeDays: Double
    /// Whether `ageDays` exceeds `maxAgeDays`.
    public var tooOld: Bool?
    /// The longest time after exposure any metric reads events, in days.
    public var longestWindowDays: Double?

    /// Creates a status without ages.
    public init(id: String, share: Double, period: RedrawPeriod?, maxAgeDays: Double) {
        self.id = id
        self.share = share
        self.period = period
        self.maxAgeDays = maxAgeDays
    }

    /// The line every report shows under the data line: the draw and its age.
    public var line: String {
        var text = "Holdout \(id): \(NumberFormatting.percent(share)) held out, "
            + (period.map { "drawn again every \($0.rawValue)" + (draw.map { " (this draw: \($0))" } ?? "") } ?? "one lasting draw")
        if let ageDays, let drawStart { text += ", \(NumberFormatting.count(Int(ageDays))) days of exposures since \(drawStart)" }
        return text
    }

    /// The warnings every report shows: a draw kept too long, and, for a periodic holdout,
    /// metric windows long enough that many units are drawn again before their window closes.
    public var warnings: [String] {
        var found: [String] = []
        if tooOld == true, let ageDays, let drawStart {
            let fix = period == nil
                ? "draw it again each period (\"period\": \"quarter\" in the holdout of the experiments and of this file) or start a new holdout id"
                : "draw it more often (a shorter \"period\") or raise \"maxAge\""
            found.append("Holdout \(id) has kept the same \(NumberFormatting.percent(share)) of users from messaging for "
                + "\(NumberFormatting.count(Int(ageDays))) days (since \(drawStart)), more than \(NumberFormatting.number(maxAgeDays)): "
                + "its users have missed every message sent since, so they compare less and less fairly with the users messages reach; \(fix)")
        }
        if let period, let window = longestWindowDays, let share = crossingShare, share >= Self.crossingWarningShare {
            found.append("Holdout \(id) is drawn again every \(period.rawValue) but metrics read up to \(NumberFormatting.number(window)) days "
                + "after exposure: about \(NumberFormatting.percent(share, digits: 0)) of units are exposed late enough in a \(period.rawValue) "
                + "that the next draw may message a held-out user before the window closes, which shrinks the measured effect; "
                + "use a longer period or shorter windows")
        }
        return found
    }

    /// The share of units exposed within the longest metric window of the end of their period
    /// (window ÷ average period length, at most 1), for a periodic holdout.
    public var crossingShare: Double? {
        guard let period, let window = longestWindowDays, window > 0 else { return nil }
        return min(1, window / period.averageDays)
    }

    /// The crossing share from which the reports warn.
    public static let crossingWarningShare = 0.25
}

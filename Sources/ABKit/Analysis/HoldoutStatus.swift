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

    /// The warning every report shows when the draw is too old, `nil` otherwise.
    public var warning: String? {
        guard tooOld == true, let ageDays, let drawStart else { return nil }
        return "Holdout \(id) has kept the same \(NumberFormatting.percent(share)) of users from messaging for "
            + "\(NumberFormatting.count(Int(ageDays))) days (since \(drawStart)), more than \(NumberFormatting.number(maxAgeDays)): "
            + "its users have missed every message sent since, so they compare less and less fairly with the users messages reach; draw it again each period "
            + "(\"period\": \"quarter\" in the holdout of the experiments and of this file) or start a new holdout id"
    }
}

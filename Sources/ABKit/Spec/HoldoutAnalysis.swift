import ABAssign

/// The `holdout` section of an experiment file that analyzes a global holdout: `{"id", "share"}`,
/// the same pair the experiments it covers name in `assignment.holdout`.
///
/// Such a file gives no variants and no assignment: its two groups are `holdout` (control, the
/// share held out of every covered experiment) and `messaged` (everyone else), assigned by the
/// holdout's own hash (seed `"__holdout__" + id`, hash version 2, as ``Holdout`` draws it), so
/// the analysis sees exactly the users the experiments kept out. The metrics then measure the
/// cumulative effect of all the messaging those experiments send against no messaging.
struct HoldoutAnalysis {
    /// The holdout id.
    var id: String
    /// The share held out, in (0, 1).
    var share: Double

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: ["id", "share"]) else { return nil }
        let id = r.string(o, "id", path, required: true)
        let share = r.number(o, "share", path, required: true, in: 0...1)
        if let share, share <= 0 || share >= 1 {
            r.fail(SpecReader.join(path, "share"), "expected a share strictly between 0 and 1 to compare the held-out users with the others, got \(JSNumber.string(share))")
            return nil
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

    /// The holdout's own draw: ``Holdout``'s seed and hash version.
    var assignment: JSONValue {
        .object(JSONObject([(key: "seed", value: .string(Holdout.seedPrefix + id)), (key: "hashVersion", value: .number(2))]))
    }
}

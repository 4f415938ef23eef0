import ABAssign

/// One variant of an experiment file: `{"key", "weight", "control", "message"}`.
public struct VariantSpec: Sendable, Hashable, Codable {
    /// The variant key.
    package var key: String
    /// The traffic weight in [0, 1]; weights sum to 1.
    package var weight: Double
    /// Whether this variant is the control.
    package var control: Bool
    /// What to send to users in this variant.
    package var message: MessageSpec?
    /// The variant's dose on an ordered scale (send delay in hours, local send hour, …); when
    /// every variant has one, `abkit analyze` adds a trend test across them.
    package var dose: Double?

    static let fields = ["key", "weight", "control", "message", "dose"]

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path, allowed: Self.fields) else { return nil }
        let key = r.string(o, "key", path, required: true)
        let weight = r.number(o, "weight", path, required: true, in: 0...1)
        control = r.bool(o, "control", path) ?? false
        message = o["message"].flatMap { MessageSpec(reading: $0, at: SpecReader.join(path, "message"), r) }
        dose = r.number(o, "dose", path)
        guard let key, let weight else { return nil }
        self.key = key
        self.weight = weight
    }
}

/// A variant's message payload: channel, when to send, and any further fields a sender uses.
///
/// `delay` (an ISO 8601 duration after the exposure event) and `sendAt` ("HH:MM", in
/// `timezone`, "user" for the user's own zone) are mutually exclusive.
public struct MessageSpec: Sendable, Hashable, Codable {
    /// The delivery channel: email, push, in-app, sms, …
    package var channel: String?
    /// How long after exposure to send.
    package var delay: ISODuration?
    /// The local time of day to send, "HH:MM".
    package var sendAt: String?
    /// The zone `sendAt` is read in: an IANA zone name or "user".
    package var timezone: String?
    /// The whole payload as written, passed through to assignments.
    package var payload: JSONValue

    init?(reading value: JSONValue, at path: String, _ r: SpecReader) {
        guard let o = r.object(value, path) else { return nil }
        channel = r.string(o, "channel", path)
        delay = r.duration(o, "delay", path)
        timezone = r.timeZone(o, "timezone", path, allowUser: true)
        sendAt = r.string(o, "sendAt", path)
        if let sendAt, !Self.isClockTime(sendAt) {
            r.expected(SpecReader.join(path, "sendAt"), "a time of day \"HH:MM\" (00:00 to 23:59)", got: .string(sendAt))
        }
        if o["delay"] != nil, o["sendAt"] != nil {
            r.fail(path, "give either delay or sendAt, not both")
        }
        payload = value
    }

    static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]) else {
            return false
        }
        return (0..<24).contains(h) && (0..<60).contains(m)
    }
}

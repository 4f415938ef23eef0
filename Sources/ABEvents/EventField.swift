/// The fields of an event record that the collector understands.
public enum EventField: String, CaseIterable, Sendable {
    case user, event, timestamp, value, eventID, experiment, variant
}

/// Where an experiment is in its life.
public enum ExperimentStatus: String, Sendable, Hashable, CaseIterable {
    /// Not started: nobody is assigned.
    case draft
    /// Running: users are bucketed.
    case running
    /// Stopped: users get control or nothing, as `StoppedBehavior` says.
    case stopped
}

/// What a stopped experiment assigns.
public enum StoppedBehavior: String, Sendable, Hashable, CaseIterable {
    /// Everyone gets the control variant (not counted as in the experiment).
    case control
    /// Nobody is assigned.
    case none
}

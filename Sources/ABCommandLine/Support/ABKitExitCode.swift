import Foundation
import ABEvents
import ABSummary
import ABKit
/// The process exit codes of the `abkit` command (docs/exit-codes.md).
public enum ABKitExitCode: Int32, Sendable, CaseIterable {
    /// Success; for `gate`, the rollout may proceed.
    case success = 0
    /// `gate`: blocked (harm, guardrail breach, SRM).
    case blocked = 1
    /// `gate`: inconclusive, keep running.
    case inconclusive = 2
    /// Bad usage: unknown flag, missing or contradictory options (sysexits EX_USAGE).
    case usage = 64
    /// Bad data: an input file that cannot be used as it is (EX_DATAERR).
    case dataError = 65
    /// Missing input: a file that does not exist or cannot be opened (EX_NOINPUT).
    case noInput = 66
    /// An output file the user named cannot be written: no such directory, no permission, a
    /// full disk (sysexits EX_CANTCREAT).
    case cannotWrite = 73
}

extension ABKitError {
    /// The process exit code for this error.
    public var exitCode: ABKitExitCode {
        switch self {
        case .missingInput: return .noInput
        case .unreachable: return .noInput
        case .cannotWrite: return .cannotWrite
        case .badData: return .dataError
        case .usage: return .usage
        }
    }
}

import Foundation
import ABEvents
import ABSummary
import ABKit
/// The process exit codes of the `abkit` command (docs/exit-codes.md).
package enum ABKitExitCode: Int32, Sendable, CaseIterable {
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
    package var exitCode: ABKitExitCode {
        switch code {
        case .missingInput, .unreachable: return .noInput
        case .cannotWrite: return .cannotWrite
        case .badData: return .dataError
        case .usage: return .usage
        // A code this version does not know: the request cannot be served as made.
        default: return .usage
        }
    }
}

extension ABKitError {
    /// The message as the command line shows it: a setting the user gave as a flag is named by
    /// that flag (`dirtyRate` is `--dirty-rate`).
    package var commandLineDescription: String {
        guard let setting else { return localizedDescription }
        var flagged = self
        flagged.setting = "--" + setting.reduce(into: "") { text, character in
            if character.isUppercase { text += "-" + character.lowercased() } else { text.append(character) }
        }
        return flagged.localizedDescription
    }
}

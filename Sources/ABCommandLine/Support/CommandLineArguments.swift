import Foundation
import ABEvents
import ABSummary
import ABKit
/// Rewrites of the command line before ArgumentParser reads it.
package enum CommandLineArguments {
    /// `arguments` with every negative number that follows a long option attached to it:
    /// `--alpha -1` becomes `--alpha=-1`.
    ///
    /// ArgumentParser reads `-1` as a group of short flags, so `--alpha -1` failed with "Missing value
    /// for '--alpha'" before the value could be checked; its one remedy, `parsing: .unconditional`,
    /// would also take a real flag (`--alpha --summary`) as the value. abkit has no short flag made
    /// of digits, so a word that reads as a negative number is never a flag: attaching it makes
    /// ArgumentParser hand it to the option, whose own check then says what range it needs.
    /// A long option that takes no value then reports that, instead of a lost number.
    package static func attachingNegativeNumbers(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            // After "--" every word is a positional value, as ArgumentParser reads it.
            if argument == "--" {
                result.append(contentsOf: arguments[index...])
                break
            }
            if argument.hasPrefix("--"), argument.count > 2, !argument.contains("="),
               index + 1 < arguments.count, looksNegative(arguments[index + 1]) {
                result.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    /// Whether `word` reads as a negative number or a list starting with one (`-1`, `-0.5`, `-.5`,
    /// `-1e3`, `-inf`, `-1,2` for --prior): a minus sign followed by a digit, a point and a digit, or
    /// an infinity or NaN spelling.
    static func looksNegative(_ word: String) -> Bool {
        guard word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
        let rest = word.dropFirst()
        guard let first = rest.first else { return false }
        if first.isASCII, first.isNumber { return true }
        if first == ".", let second = rest.dropFirst().first, second.isASCII, second.isNumber { return true }
        let lowered = rest.lowercased()
        return ["inf", "infinity", "nan"].contains { lowered == $0 || lowered.hasPrefix($0 + ",") }
    }
}

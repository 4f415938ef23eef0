import ABAssign
import ABStats

/// The user attributes a targeting condition reads, generated with plausible values so that a
/// targeted experiment (re-engagement of users inactive 14+ days, onboarding of new signups)
/// exposes a realistic share of simulated users instead of none.
enum SimulatedAttributes {
    /// The attributes the simulator always writes (country, platform), which need no generator here.
    static let builtIn: Set<String> = ["id", "user_id", "country", "platform"]

    /// The attribute names `condition` reads, in order of first appearance (operators such as
    /// `$and`, `$or`, `$not` are walked into).
    static func names(in condition: JSONValue?) -> [String] {
        var names: [String] = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let object):
                for (key, member) in object.members {
                    if key.hasPrefix("$") { walk(member) } else if !names.contains(key) { names.append(key) }
                }
            case .array(let items): items.forEach(walk)
            case .null, .bool, .number, .string: break
            }
        }
        if let condition { walk(condition) }
        return names.filter { !builtIn.contains($0) }
    }

    /// A value for attribute `name`: known lifecycle attributes get realistic distributions; any
    /// other is left out (nil), and the README says which names the simulator knows.
    static func value(for name: String, _ random: SeededRandom) -> JSONValue? {
        switch name {
        case "days_inactive":
            // Half the base inactive for 14 days or more: exp(−14/20.2) ≈ 0.5.
            return .number(Double(Int(random.exponential(mean: 20.2))))
        case "signup_days":
            // Most exposures come right after signup; a tail of older accounts.
            let u = random.uniform()
            return .number(u < 0.7 ? 0 : u < 0.85 ? 1 : Double(2 + random.integer(below: 29)))
        case "unsubscribed":
            return .bool(random.bernoulli(0.05))
        case "device_id":
            return .string("d\(random.integer(below: 1 << 30))")
        default:
            return nil
        }
    }
}

// In-process assignment throughput on one core: assignments per second for a few experiment
// shapes over the same user ids the script gives GrowthBook's Python SDK.
// Usage: AssignBenchmark USERS_FILE [SECONDS_PER_CASE] [CASE]   (CASE: run only cases whose name contains it;
// "none" runs nothing, to measure the setup alone under callgrind)
import ABAssign
import Foundation

let arguments = CommandLine.arguments
guard arguments.count >= 2, let text = try? String(contentsOfFile: arguments[1], encoding: .utf8) else {
    FileHandle.standardError.write("usage: AssignBenchmark USERS_FILE [SECONDS_PER_CASE]\n".data(using: .utf8)!)
    exit(64)
}
let seconds = arguments.count > 2 ? Double(arguments[2]) ?? 2 : 2
let only = arguments.count > 3 ? arguments[3] : nil
let ids = text.split(separator: "\n").map(String.init)
let idBytes = ids.map { Array($0.utf8) }

let variants = [
    Variant(key: "immediate", weight: 0.34, isControl: true, message: ["channel": "email", "delay": "PT0S"]),
    Variant(key: "one-hour", weight: 0.33, message: ["channel": "email", "delay": "PT1H"]),
    Variant(key: "next-morning", weight: 0.33, message: ["channel": "email", "sendAt": "09:00", "timezone": "user"]),
]
let plain = try ExperimentConfig(key: "welcome-message-timing", variants: variants, hashVersion: .v2)
let v1 = try ExperimentConfig(key: "welcome-message-timing", variants: variants, hashVersion: .v1)
let namespaced = try ExperimentConfig(
    key: "welcome-message-timing", variants: variants, coverage: 0.9,
    namespace: Namespace(id: "onboarding-email", start: 0, end: 0.5))
let targeted = try ExperimentConfig(
    key: "welcome-message-timing", variants: variants,
    targeting: TargetingCondition(["country": ["$in": ["US", "CA"]], "days_inactive": ["$gte": 14]]))
let attributeSets: [JSONObject] = ids.prefix(100_000).enumerated().map { i, id in
    JSONObject([("id", .string(id)), ("country", i % 3 == 0 ? "FR" : "US"), ("days_inactive", .number(Double(i % 30)))])
}

@inline(never)
func measure(_ name: String, _ body: (Int) -> Int) {
    if let only, !name.contains(only) { return }
    var checksum = 0
    var count = 0
    let start = DispatchTime.now().uptimeNanoseconds
    var elapsed = 0.0
    repeat {
        checksum &+= body(count)
        count += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    let perCall = body(-1)
    let rate = Double(count * perCall) / elapsed
    print("swift-inprocess\t\(name)\t\(String(format: "%.0f", rate))\tassignments/s\t(checksum \(checksum & 0xff))")
}

/// Measures `assign` over every user id, summing indices so the work is not optimized away.
func measureIDs(_ name: String, _ assign: @escaping (String) -> Int?) {
    measure(name) { pass in
        if pass < 0 { return ids.count }
        var sum = 0
        for id in ids { sum &+= assign(id) ?? -1 }
        return sum
    }
}

measureIDs("plain-v2 assign(id:)") { plain.assign(id: $0).variationIndex }
measureIDs("plain-v2 outcome(id:)") { plain.outcome(id: $0).variationIndex }
measure("plain-v2 outcome(utf8:)") { pass in
    if pass < 0 { return idBytes.count }
    var sum = 0
    for id in idBytes { sum &+= id.withUnsafeBufferPointer { plain.outcome(utf8: $0).variationIndex ?? -1 } }
    return sum
}
measureIDs("plain-v1 assign(id:)") { v1.assign(id: $0).variationIndex }
measureIDs("namespace+coverage assign(id:)") { namespaced.assign(id: $0).variationIndex }
measure("hash only (SeededHash v2)") { pass in
    if pass < 0 { return ids.count }
    var sum = 0.0
    for id in ids { sum += plain.hasher.hash(id) }
    return Int(sum)
}
measure("targeting assign(attributes:)") { pass in
    if pass < 0 { return attributeSets.count }
    var sum = 0
    for attributes in attributeSets { sum &+= targeted.assign(attributes: attributes).variationIndex ?? -1 }
    return sum
}

import Foundation
import Testing
@testable import ABSpark

/// The Arrow IPC reader against streams written by Arrow's own implementation (pyarrow;
/// Tests/Reference/make_arrow_fixtures.py): every value of every column, nulls included.
@Suite("Arrow IPC streams written by pyarrow")
struct ArrowStreamReaderTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var columns: [String]
        var values: [String: [JSONScalar?]]
        var testDescription: String { file }
    }

    enum JSONScalar: Decodable, Sendable, Equatable {
        case number(Double), text(String), flag(Bool)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let b = try? container.decode(Bool.self) { self = .flag(b) } else if let x = try? container.decode(Double.self) { self = .number(x) } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    struct Fixture: Decodable { var cases: [Case] }

    static let cases: [Case] = {
        guard let url = Bundle.module.url(forResource: "arrow_streams", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url), let fixture = try? JSONDecoder().decode(Fixture.self, from: data)
        else { return [] }
        return fixture.cases
    }()

    @Test("the fixture is there") func fixture() { #expect(Self.cases.count == 4) }

    @Test("every column and value", arguments: cases)
    func stream(_ c: Case) throws {
        let url = try #require(Bundle.module.url(forResource: c.file, withExtension: nil, subdirectory: "Fixtures"))
        var reader = ArrowStreamReader()
        try reader.read(Array(try Data(contentsOf: url)))
        #expect(reader.fields.map(\.name) == c.columns)
        for (i, name) in c.columns.enumerated() {
            let expected = try #require(c.values[name])
            let column = reader.columns[i]
            #expect(column.count == expected.count, "\(name)")
            switch column {
            case let .integer(values):
                #expect(values.map { $0.map { JSONScalar.number(Double($0)) } } == expected, "\(name)")
                // Beyond 2^53 the JSON number is rounded: compare those exactly through the generator's rule.
                if name == "big" {
                    #expect(values.enumerated().allSatisfy { i, v in v == (i % 2 == 1 ? (1 << 62) - Int64(i) : -(1 << 62) + Int64(i)) })
                }
            case let .double(values): #expect(values.map { $0.map(JSONScalar.number) } == expected, "\(name)")
            case let .text(values): #expect(values.map { $0.map(JSONScalar.text) } == expected, "\(name)")
            case let .boolean(values): #expect(values.map { $0.map(JSONScalar.flag) } == expected, "\(name)")
            case let .null(count): #expect(expected.allSatisfy { $0 == nil } && count == expected.count, "\(name)")
            }
        }
    }

    @Test("truncated and corrupt streams are errors, never traps")
    func corrupt() throws {
        let url = try #require(Bundle.module.url(forResource: "several_batches.arrows", withExtension: nil, subdirectory: "Fixtures"))
        let bytes = Array(try Data(contentsOf: url))
        for cut in stride(from: 1, to: bytes.count, by: 97) {
            var reader = ArrowStreamReader()
            _ = try? reader.read(Array(bytes[..<cut]))
        }
        var flipped = bytes
        for i in stride(from: 8, to: flipped.count, by: 13) { flipped[i] ^= 0xA5 }
        var reader = ArrowStreamReader()
        _ = try? reader.read(flipped)
        #expect(throws: ArrowError.self) { var r = ArrowStreamReader(); try r.read([0xFF, 0xFF, 0xFF, 0xFF, 0x10, 0, 0, 0, 1, 2]) }
    }
}

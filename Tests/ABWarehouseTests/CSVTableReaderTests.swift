import ABEvents
import Testing
@testable import ABWarehouse

@Suite("abkit load --assignments: CSV rows for COPY")
struct CSVTableReaderTests {
    func reader(_ bytes: [UInt8]) throws -> CSVTableReader {
        CSVTableReader(source: ByteSource(bytes: bytes, name: "assignments.csv"), rejects: try RejectWriter(path: nil))
    }

    @Test("rows become COPY text; invalid UTF-8, bad CSV and wrong field counts are rejected with their line")
    func rows() throws {
        let bytes = Array("id,experiment,variant\nu1,welcome,a\nu2,welcome\n\"u3,welcome,b\n".utf8)
            + [0x75, 0xFF, 0x2C, 0x77, 0x2C, 0x62, 0x0A] + Array("u5,,b\n".utf8)
        let csv = try reader(bytes)
        #expect(try csv.readHeader() == ["id", "experiment", "variant"])
        var out: [UInt8] = []
        while let chunk = csv.next() { out += chunk }
        #expect(String(decoding: out, as: UTF8.self) == "u1\twelcome\ta\nu5\t\\N\tb\n")
        #expect(csv.accounting.linesRead == 5 && csv.accounting.accepted == 2)
        #expect(csv.accounting.rejectedByReason == [.wrongFieldCount: 1, .invalidCSV: 1, .invalidUTF8: 1])
    }

    @Test("a header that cannot name the columns stops the load, naming the file, line and column")
    func badHeaders() throws {
        #expect(throws: CollectorError.badInput(path: "assignments.csv", line: 2, field: "id",
                                               message: "the header names this column twice; expected each column once")) {
            try reader(Array("\nid,variant,id\nu1,a,u1\n".utf8)).readHeader()
        }
        #expect(throws: CollectorError.badInput(path: "assignments.csv", line: 1, field: nil,
                                               message: "column 2 of the header has no name; expected a column name such as id")) {
            try reader(Array("id,,variant\n".utf8)).readHeader()
        }
        #expect(throws: CollectorError.badInput(path: "assignments.csv", line: 1, field: nil, message: "the header is not valid UTF-8")) {
            try reader([0x69, 0xFF, 0x0A]).readHeader()
        }
        #expect(try reader([]).readHeader() == nil)
    }
}

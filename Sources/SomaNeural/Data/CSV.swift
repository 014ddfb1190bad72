import Foundation
import SomaCore

/// Numeric CSV files: one sample per line, comma-separated numbers. A first
/// line that does not parse as numbers is taken as a header.
public enum CSV {
    /// A parsed file: the header names (if any) and the numbers.
    public struct Table {
        public var header: [String]
        public var values: Tensor
    }

    /// Reads a numeric CSV file.
    /// `poll` is called every few thousand lines; throwing stops the read (Ctrl-C).
    public static func read(path: String, poll: () throws -> Void = {}) throws -> Table {
        try checkBudget(path: path, "read_csv")
        let text: String
        do { text = try UserFile.readText(path) } catch { throw NeuralError.io("read_csv: \(error)") }
        return try parse(text, name: path, poll: poll)
    }

    /// Parses CSV text.
    public static func parse(_ text: String, name: String = "input", poll: () throws -> Void = {}) throws -> Table {
        // A NUL byte means a binary file, not text with a stray character.
        guard !text.utf8.contains(0) else { throw NeuralError.io("read_csv: \(name) holds NUL bytes; it is not a text file") }
        var header: [String] = []
        var values: [Double] = []
        var cols = -1
        var rows = 0
        for (count, (number, rawFields)) in records(text).enumerated() {
            if count % 4096 == 0 { try poll() }
            let fields = rawFields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            let numbers = fields.map { CSV.number($0) }
            if numbers.contains(where: { $0 == nil }) {
                if rows == 0 && header.isEmpty {
                    header = fields
                    continue
                }
                let bad = fields[numbers.firstIndex(where: { $0 == nil }) ?? 0]
                throw NeuralError.io("read_csv: \(name):\(number): \"\(bad)\" is not a number")
            }
            if cols < 0 { cols = fields.count }
            guard fields.count == cols else {
                throw NeuralError.io("read_csv: \(name):\(number): \(fields.count) fields, expected \(cols)")
            }
            values += numbers.compactMap { $0 }
            rows += 1
            // The limits of every constructor (elements, memory).
            if values.count > Shape.maxElements {
                throw NeuralError.io("read_csv: \(name) holds more than \(Shape.maxElements) numbers (the tensor limit)")
            }
        }
        return Table(header: header, values: Tensor(shape: [rows, max(cols, 0)], data: values))
    }

    /// The records of CSV text as RFC 4180 reads them (quoted fields may hold
    /// commas, doubled quotes and line breaks), each with its first line number.
    static func records(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var iterator = text.makeIterator()
        var pending: Character? = nil
        func endRecord() {
            fields.append(field)
            records.append((recordLine, fields))
            fields = []
            field = ""
        }
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                    } else {
                        quoted = false
                    }
                } else {
                    if character.isNewline { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.trimmingCharacters(in: .whitespaces).isEmpty:
                field = ""
                quoted = true
            case ",":
                fields.append(field)
                field = ""
            case let c where c.isNewline:
                endRecord()
                line += 1
                recordLine = line
            default:
                field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        return records
    }

    /// A field as a number: decimal notation, `inf` and `nan` (as Soma
    /// prints them); not hexadecimal (`0x10`), which Swift's parser takes.
    static func number(_ field: String) -> Double? {
        guard !field.contains(where: { $0 == "x" || $0 == "X" }) else { return nil }
        return Double(field)
    }

    /// CSV text for a matrix, with an optional header line.
    public static func format(_ m: Tensor, header: [String] = []) -> String {
        var lines: [String] = []
        if !header.isEmpty { lines.append(header.map(quoted).joined(separator: ",")) }
        let (rows, cols) = m.matrixSize
        let values = m.data
        for r in 0..<rows {
            lines.append((0..<cols).map { c in formatNumber(values[r * cols + c]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A field as RFC 4180 writes it: quoted, with quotes doubled, when it
    /// holds a comma, a quote or a line break (or starts or ends with a space), so
    /// a header name is always data and never starts a line of its own.
    static func quoted(_ field: String) -> String {
        let needsQuotes = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.first?.isWhitespace == true || field.last?.isWhitespace == true
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes a matrix as CSV (atomically).
    public static func write(_ m: Tensor, path: String, header: [String] = []) throws {
        guard header.isEmpty || header.count == m.matrixSize.cols else {
            throw NeuralError.shape("write_csv: \(header.count) header names for \(m.matrixSize.cols) columns")
        }
        do {
            try format(m, header: header).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw NeuralError.io("write_csv: cannot write \(path): \(IOFailure.writing(path, error))")
        }
    }

    /// Shortest text that reads back to the same number; integers without ".0".
    static func formatNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }
}

/// Throws unless reading the whole file at `path` fits the memory budget.
func checkBudget(path: String, _ callee: String) throws {
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber else { return }
    do { try MemoryBudget.check(bytes: size.intValue, "\(callee): reading \(path)") } catch let e as TensorError {
        throw NeuralError.io(e.message)
    }
}

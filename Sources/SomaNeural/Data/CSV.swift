import Foundation
import SomaCore

/// Numeric CSV files: one sample per line, comma-separated numbers. A first
/// line that does not parse as numbers is taken as a header.
public enum CSV {
    /// A parsed file: the header names (if any) and the numbers.
    public struct Table {
        public var header: [String]
        public var values: Batch
    }

    /// Reads a numeric CSV file.
    /// `poll` is called every few thousand lines; throwing stops the read (Ctrl-C).
    public static func read(path: String, poll: () throws -> Void = {}) throws -> Table {
        try checkBudget(path: path, "read_csv")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NeuralError.io("read_csv: cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NeuralError.io("read_csv: \(path) is not UTF-8 text")
        }
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
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if number % 4096 == 0 { try poll() }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = fields.map { CSV.number($0) }
            if numbers.contains(where: { $0 == nil }) {
                if rows == 0 && header.isEmpty {
                    header = fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                    continue
                }
                let bad = fields[numbers.firstIndex(where: { $0 == nil }) ?? 0]
                throw NeuralError.io("read_csv: \(name):\(number + 1): \"\(bad)\" is not a number")
            }
            if cols < 0 { cols = fields.count }
            guard fields.count == cols else {
                throw NeuralError.io("read_csv: \(name):\(number + 1): \(fields.count) fields, expected \(cols)")
            }
            values += numbers.compactMap { $0 }
            rows += 1
            // The limits of every constructor (elements, memory).
            if values.count > Shape.maxElements {
                throw NeuralError.io("read_csv: \(name) holds more than \(Shape.maxElements) numbers (the tensor limit)")
            }
        }
        return Table(header: header, values: Batch(uncheckedRows: rows, cols: max(cols, 0), data: values))
    }

    /// A field as a number: decimal notation, `inf` and `nan` (as Soma
    /// prints them); not hexadecimal (`0x10`), which Swift's parser takes.
    static func number(_ field: String) -> Double? {
        guard !field.contains(where: { $0 == "x" || $0 == "X" }) else { return nil }
        return Double(field)
    }

    /// CSV text for a matrix, with an optional header line.
    public static func format(_ m: Batch, header: [String] = []) -> String {
        var lines: [String] = []
        if !header.isEmpty { lines.append(header.joined(separator: ",")) }
        for r in 0..<m.rows {
            lines.append((0..<m.cols).map { c in formatNumber(m.data[r * m.cols + c]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes a matrix as CSV (atomically).
    public static func write(_ m: Batch, path: String, header: [String] = []) throws {
        guard header.isEmpty || header.count == m.cols else {
            throw NeuralError.shape("write_csv: \(header.count) header names for \(m.cols) columns")
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

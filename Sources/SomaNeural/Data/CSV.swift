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
    public static func read(path: String) throws -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NeuralError.io("read_csv: cannot read \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NeuralError.io("read_csv: \(path) is not UTF-8 text")
        }
        return try parse(text, name: path)
    }

    /// Parses CSV text.
    public static func parse(_ text: String, name: String = "input") throws -> Table {
        var header: [String] = []
        var values: [Double] = []
        var cols = -1
        var rows = 0
        for (number, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = fields.map { Double($0) }
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
        }
        return Table(header: header, values: Tensor(shape: [rows, max(cols, 0)], data: values))
    }

    /// CSV text for a matrix, with an optional header line.
    public static func format(_ m: Tensor, header: [String] = []) -> String {
        var lines: [String] = []
        if !header.isEmpty { lines.append(header.joined(separator: ",")) }
        let (rows, cols) = m.matrixSize
        for r in 0..<rows {
            lines.append((0..<cols).map { c in formatNumber(m.data[r * cols + c]) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes a matrix as CSV (atomically).
    public static func write(_ m: Tensor, path: String, header: [String] = []) throws {
        guard header.isEmpty || header.count == m.matrixSize.cols else {
            throw NeuralError.shape("write_csv: \(header.count) header names for \(m.matrixSize.cols) columns")
        }
        do {
            try format(m, header: header).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw NeuralError.io("write_csv: cannot write \(path): \(error.localizedDescription)")
        }
    }

    /// Shortest text that reads back to the same number; integers without ".0".
    static func formatNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return "\(v)"
    }
}

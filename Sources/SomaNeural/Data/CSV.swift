import Foundation

/// Numeric CSV files: one sample per line, comma-separated numbers. A first
/// line that does not parse as numbers is taken as a header.
public enum CSV {
    /// A parsed file: the header names (if any) and the numbers.
    public struct Table {
        public var header: [String]
        public var values: Batch
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
        for (number, rawFields) in records(text) {
            let fields = rawFields.map { $0.trimmingCharacters(in: .whitespaces) }
            if fields.allSatisfy(\.isEmpty) { continue }
            let numbers = fields.map { Double($0) }
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
        }
        return Table(header: header, values: Batch(uncheckedRows: rows, cols: max(cols, 0), data: values))
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

    /// CSV text for a matrix, with an optional header line.
    public static func format(_ m: Batch, header: [String] = []) -> String {
        var lines: [String] = []
        if !header.isEmpty { lines.append(header.map(quoted).joined(separator: ",")) }
        for r in 0..<m.rows {
            lines.append((0..<m.cols).map { c in formatNumber(m.data[r * m.cols + c]) }.joined(separator: ","))
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
    public static func write(_ m: Batch, path: String, header: [String] = []) throws {
        guard header.isEmpty || header.count == m.cols else {
            throw NeuralError.shape("write_csv: \(header.count) header names for \(m.cols) columns")
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

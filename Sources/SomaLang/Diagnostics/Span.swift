/// A position in a source file.
///
/// `line` is the line in the real file (it includes `SourceFile.firstLine`),
/// `column` counts Unicode scalars from 1, and `offset` is the UTF-8 byte
/// offset into `SourceFile.text`, so tools can slice the text directly.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Line number in the real file, 1-based.
    public var line: Int
    /// Column in Unicode scalars, 1-based.
    public var column: Int
    /// UTF-8 byte offset into the source text, 0-based.
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text: `start` is the first character, `end` is
/// just past the last one.
public struct Span: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// An empty span at one location (used for "expected ..." at end of input).
    public init(at location: SourceLocation) {
        self.start = location
        self.end = location
    }

    /// The smallest span covering both spans.
    public func merged(with other: Span) -> Span {
        let first = start.offset <= other.start.offset ? start : other.start
        let last = end.offset >= other.end.offset ? end : other.end
        return Span(start: first, end: last)
    }

    /// The span from the start of `self` to the end of `other`.
    public func through(_ other: Span) -> Span {
        Span(start: start, end: other.end)
    }

    public var description: String { "\(start)-\(end)" }
}

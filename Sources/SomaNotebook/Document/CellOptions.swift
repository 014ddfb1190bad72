/// The `#| key: value` options at the top of a cell (Quarto style).
///
///     #| name: tuning
///     #| fig-width: 600
///     #| fig-dpi: 150
///     #| error: expected
public struct CellOptions: Equatable, Sendable {
    /// Names the cell in progress lines and its figures (`name-fig1.png`).
    public var name: String?
    /// When false, the rendered notebook hides the code and shows only outputs.
    public var echo: Bool = true
    /// When true, the cell is shown but not run.
    public var skip: Bool = false
    /// Seconds the cell may run; overrides `--timeout`.
    public var timeout: Double?
    /// Default size, in pixels, of figures the cell creates.
    public var figureWidth: Int?
    public var figureHeight: Int?
    /// Resolution of the cell's figures (100 gives the figure's size in pixels; 200 doubles it).
    public var figureDPI: Int?
    /// Alt text for the cell's figures in Markdown and HTML.
    public var figureCaption: String?
    /// The cell must fail (teaching an error); it is a failure if it runs cleanly.
    public var expectsError: Bool = false
    /// The cell holds parameter defaults that `--param` values override.
    public var isParameters: Bool = false

    public init() {}

    /// Every key a cell may set, listed in the error for an unknown key.
    public static let knownKeys = ["name", "label", "echo", "skip", "timeout", "fig-width",
                                   "fig-height", "fig-dpi", "fig-cap", "error", "parameters"]

    /// Applies one option line's key and value.
    ///
    /// - Parameters:
    ///   - key: the option name, e.g. `fig-width`.
    ///   - value: the text after the colon, trimmed; nil for a bare flag like `#| parameters`.
    /// - Throws: a message naming the expected form when the value does not fit.
    mutating func set(_ key: String, _ value: String?) throws(OptionProblem) {
        switch key {
        case "name", "label":
            let text = try required(key, value)
            guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
                  text.unicodeScalars.allSatisfy(\.isASCII) else {
                throw OptionProblem("cell name '\(text)' may use only ASCII letters, digits, '-' and '_' (it names figure files)")
            }
            // Unnamed cells' figures are `cellN-figK.png`; a name of that form could overwrite them.
            if text.hasPrefix("cell"), !text.dropFirst(4).isEmpty, text.dropFirst(4).allSatisfy(\.isNumber) {
                throw OptionProblem("cell name '\(text)' is reserved for the figures of unnamed cells; choose another name")
            }
            name = text
        case "echo": echo = try flag(key, value)
        case "skip": skip = try flag(key, value)
        case "parameters": isParameters = try flag(key, value)
        case "timeout": timeout = try positiveNumber(key, value)
        case "fig-width": figureWidth = try pixels(key, value)
        case "fig-height": figureHeight = try pixels(key, value)
        case "fig-dpi":
            let text = try required(key, value)
            guard let dpi = Int(text), (10...600).contains(dpi) else {
                throw OptionProblem("cell option 'fig-dpi' takes dots per inch from 10 to 600, not '\(text)'")
            }
            figureDPI = dpi
        case "fig-cap": figureCaption = try required(key, value)
        case "error":
            switch try required(key, value) {
            case "expected": expectsError = true
            case "false": expectsError = false
            case let other:
                throw OptionProblem("'error: \(other)' is not an option value; use 'error: expected' for a cell that must fail")
            }
        default:
            throw OptionProblem("unknown cell option '\(key)' (known: \(Self.knownKeys.joined(separator: ", ")))")
        }
    }

    private func required(_ key: String, _ value: String?) throws(OptionProblem) -> String {
        guard let value, !value.isEmpty else { throw OptionProblem("cell option '\(key)' needs a value") }
        return value
    }

    private func flag(_ key: String, _ value: String?) throws(OptionProblem) -> Bool {
        switch value {
        case nil, "true", "yes": return true
        case "false", "no": return false
        case let other?: throw OptionProblem("cell option '\(key)' takes true or false, not '\(other)'")
        }
    }

    private func positiveNumber(_ key: String, _ value: String?) throws(OptionProblem) -> Double {
        let text = try required(key, value)
        guard let number = Double(text), number.isFinite, number > 0 else {
            throw OptionProblem("cell option '\(key)' takes a positive number of seconds, not '\(text)'")
        }
        return number
    }

    private func pixels(_ key: String, _ value: String?) throws(OptionProblem) -> Int {
        let text = try required(key, value)
        guard let number = Int(text), (16...8192).contains(number) else {
            throw OptionProblem("cell option '\(key)' takes a size in pixels from 16 to 8192, not '\(text)'")
        }
        return number
    }
}

/// Why one option line was rejected; the parser adds the file and line.
struct OptionProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

extension CellOptions {
    /// The options as canonical `#| key: value` lines, defaults left out.
    ///
    /// Parsing these lines gives back equal options, so a notebook can carry
    /// them through formats that have no place for them (ipynb metadata).
    public var lines: [String] {
        var lines: [String] = []
        if let name { lines.append("#| name: \(name)") }
        if isParameters { lines.append("#| parameters") }
        if !echo { lines.append("#| echo: false") }
        if skip { lines.append("#| skip: true") }
        if let timeout { lines.append("#| timeout: \(formatSeconds(timeout))") }
        if let figureWidth { lines.append("#| fig-width: \(figureWidth)") }
        if let figureHeight { lines.append("#| fig-height: \(figureHeight)") }
        if let figureDPI { lines.append("#| fig-dpi: \(figureDPI)") }
        if let figureCaption { lines.append("#| fig-cap: \(figureCaption)") }
        if expectsError { lines.append("#| error: expected") }
        return lines
    }
}

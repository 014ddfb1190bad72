#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Formats one number with a C `printf` conversion such as `%.3f` or `%8.2e`.
///
/// Callers build `format` themselves from validated parts, so it always
/// holds exactly one double conversion.
func cFormat(_ format: String, _ x: Double) -> String {
    var buffer = [CChar](repeating: 0, count: 512)
    let written = withVaList([x]) { args in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 512, format, args) }
    }
    guard written >= 0 else { return formatNumber(x) }
    let bytes = buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
}

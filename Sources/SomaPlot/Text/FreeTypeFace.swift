import CFreeType

/// A TrueType face rendered through FreeType, with a per-size glyph cache.
final class FreeTypeFace: GlyphSource {
    private var library: FT_Library?
    private var face: FT_Face?
    private var cache: [GlyphKey: Glyph] = [:]
    /// Kerning per pair as a fraction of the em.
    private var kerns: [KernKey: Double] = [:]

    private struct GlyphKey: Hashable {
        let scalar: UInt32
        let size26: Int
    }

    /// Opens the font file, or returns nil when FreeType cannot load it.
    init?(path: String) {
        var lib: FT_Library?
        guard FT_Init_FreeType(&lib) == 0, let lib else { return nil }
        var f: FT_Face?
        guard FT_New_Face(lib, path, 0, &f) == 0, let f else {
            FT_Done_FreeType(lib)
            return nil
        }
        library = lib
        face = f
    }

    deinit {
        if let face { FT_Done_Face(face) }
        if let library { FT_Done_FreeType(library) }
    }

    func lineMetrics(size: Double) -> (ascent: Double, descent: Double) {
        guard let face else { return (size * 0.93, size * 0.24) }
        let units = Double(max(1, face.pointee.units_per_EM))
        return (Double(face.pointee.ascender) / units * size, -Double(face.pointee.descender) / units * size)
    }

    func kerning(_ left: Unicode.Scalar, _ right: Unicode.Scalar, size: Double) -> Double {
        // FT_FACE_FLAG_KERNING (1 << 6): the face has a kerning table.
        guard let face, face.pointee.face_flags & 64 != 0 else { return 0 }
        let key = KernKey(left: left.value, right: right.value)
        let unitsPerEm: Double
        if let cached = kerns[key] {
            unitsPerEm = cached
        } else {
            let a = FT_Get_Char_Index(face, FT_ULong(left.value)), b = FT_Get_Char_Index(face, FT_ULong(right.value))
            var delta = FT_Vector()
            // FT_KERNING_UNSCALED (2): font units, scaled here so one lookup serves every size.
            let found = a != 0 && b != 0 && FT_Get_Kerning(face, a, b, 2, &delta) == 0
            unitsPerEm = found ? Double(delta.x) / Double(max(1, face.pointee.units_per_EM)) : 0
            kerns[key] = unitsPerEm
        }
        return unitsPerEm * size
    }

    private struct KernKey: Hashable {
        let left: UInt32
        let right: UInt32
    }

    func glyph(for scalar: Unicode.Scalar, size: Double) -> Glyph {
        let size26 = max(64, Int(saturating: (size * 64).rounded()))
        let key = GlyphKey(scalar: scalar.value, size26: size26)
        if let hit = cache[key] { return hit }
        let rendered = render(scalar, size26: size26) ?? Glyph(advance: size * 0.6, left: 0, top: 0, width: 0, height: 0, alpha: [])
        cache[key] = rendered
        return rendered
    }

    private func render(_ scalar: Unicode.Scalar, size26: Int) -> Glyph? {
        guard let face else { return nil }
        guard FT_Set_Char_Size(face, 0, FT_F26Dot6(size26), 72, 72) == 0 else { return nil }
        // FT_LOAD_RENDER (1 << 2) with FT_LOAD_TARGET_LIGHT (1 << 16): light
        // hinting keeps glyph shapes close to matplotlib's Agg text.
        let flags = FT_Int32(4 | 65536)
        guard FT_Load_Char(face, FT_ULong(scalar.value), flags) == 0, let slot = face.pointee.glyph else { return nil }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width), height = Int(bitmap.rows), pitch = Int(bitmap.pitch)
        var alpha = [UInt8](repeating: 0, count: width * height)
        if let buffer = bitmap.buffer, width > 0, height > 0, abs(pitch) >= width {
            for row in 0..<height {
                let source = pitch >= 0 ? row * pitch : (height - 1 - row) * -pitch
                for col in 0..<width {
                    alpha[row * width + col] = buffer[source + col]
                }
            }
        }
        return Glyph(advance: Double(slot.pointee.advance.x) / 64,
                     left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                     width: width, height: height, alpha: alpha)
    }
}

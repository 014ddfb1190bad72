#include <png.h>
static const png_uint_32 SOMA_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const png_uint_32 SOMA_PNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const png_uint_32 SOMA_PNG_FORMAT_GRAY = PNG_FORMAT_GRAY;

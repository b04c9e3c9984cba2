package org.diffusionj.batch;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * A 2D (y, x) or 3D (z, y, x) Zarr array of format 2 on a file system (Zarr storage specification 2:
 * {@code .zarray} metadata, one file per chunk named by its grid indices, C order), read region by region and
 * written whole. Data types: unsigned and signed integers of 1, 2 and 4 bytes and floats of 4 and 8 bytes, either
 * byte order. Compressors: none, {@code zlib} and {@code gzip} (java.util.zip); Blosc and Zstandard need native
 * libraries and are refused with a message. Chunk files that are absent hold the fill value, as the
 * specification says. Written arrays use zlib.
 *
 * <p>Why not zarr-java: its in-memory arrays come from netCDF-Java's {@code edu.ucar:cdm-core}, which is not on
 * Maven Central, the only repository this project may depend on.
 */
public final class ZarrArray {
    private final Path dir;
    private final long[] shape;
    private final int[] chunks;
    private final String dtype;
    private final String compressor;
    private final double fill;
    private final String separator;

    private ZarrArray(Path dir, long[] shape, int[] chunks, String dtype, String compressor, double fill,
            String separator) {
        this.dir = dir;
        this.shape = shape;
        this.chunks = chunks;
        this.dtype = dtype;
        this.compressor = compressor;
        this.fill = fill;
        this.separator = separator;
    }

    /** Whether {@code dir} holds a Zarr array (a {@code .zarray} file). */
    public static boolean isArray(Path dir) {
        return Files.isRegularFile(dir.resolve(".zarray"));
    }

    /** Opens the array in {@code dir}, checking what this reader supports. */
    public static ZarrArray open(Path dir) {
        JsonObject m;
        try {
            m = JsonParser.parseString(Files.readString(dir.resolve(".zarray"))).getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(dir.getFileName() + "/.zarray cannot be read: " + e.getMessage());
        }
        String name = dir.getFileName() + "/.zarray: ";
        if (!m.has("zarr_format") || m.get("zarr_format").getAsInt() != 2) {
            throw new IllegalArgumentException(name + "only zarr_format 2 is supported");
        }
        long[] shape = longs(m.getAsJsonArray("shape"));
        int[] chunks = ints(m.getAsJsonArray("chunks"));
        if (shape.length < 2 || shape.length > 3 || chunks.length != shape.length) {
            throw new IllegalArgumentException(name + "an array of 2 (y, x) or 3 (z, y, x) dimensions is needed, "
                    + "this one has " + shape.length);
        }
        if (m.has("order") && !"C".equals(m.get("order").getAsString())) {
            throw new IllegalArgumentException(name + "only order C is supported");
        }
        if (m.has("filters") && !m.get("filters").isJsonNull() && m.getAsJsonArray("filters").size() > 0) {
            throw new IllegalArgumentException(name + "filters are not supported");
        }
        String compressor = null;
        if (m.has("compressor") && !m.get("compressor").isJsonNull()) {
            compressor = m.getAsJsonObject("compressor").get("id").getAsString();
            if (!compressor.equals("zlib") && !compressor.equals("gzip")) {
                throw new IllegalArgumentException(name + "compressor '" + compressor + "' is not supported (none, "
                        + "zlib or gzip are: Blosc and Zstandard need native libraries)");
            }
        }
        String dtype = m.get("dtype").getAsString();
        bytesPer(dtype); // checks it
        JsonElement f = m.get("fill_value");
        double fill = f == null || f.isJsonNull() ? 0 : f.getAsJsonPrimitive().isNumber() ? f.getAsDouble()
                : Double.parseDouble(f.getAsString());
        String separator = m.has("dimension_separator") ? m.get("dimension_separator").getAsString() : ".";
        return new ZarrArray(dir, shape, chunks, dtype, compressor, fill, separator);
    }

    /**
     * Creates an empty array (metadata only) in {@code dir}, which must not exist.
     *
     * @param dtype {@code |u1}, {@code <u2} or {@code <f4} (what ImageJ images hold)
     */
    public static ZarrArray create(Path dir, long[] shape, int[] chunks, String dtype) {
        JsonObject m = new JsonObject();
        m.addProperty("zarr_format", 2);
        m.add("shape", new Gson().toJsonTree(shape));
        m.add("chunks", new Gson().toJsonTree(chunks));
        m.addProperty("dtype", dtype);
        JsonObject zlib = new JsonObject();
        zlib.addProperty("id", "zlib");
        zlib.addProperty("level", 1);
        m.add("compressor", zlib);
        m.addProperty("fill_value", 0);
        m.addProperty("order", "C");
        m.add("filters", JsonNull.INSTANCE);
        m.addProperty("dimension_separator", ".");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(".zarray"), new Gson().toJson(m), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return new ZarrArray(dir, shape.clone(), chunks.clone(), dtype, "zlib", 0, ".");
    }

    /** The array's shape, (y, x) or (z, y, x). */
    public long[] shape() {
        return shape.clone();
    }

    /** The chunk shape. */
    public int[] chunks() {
        return chunks.clone();
    }

    /** The Zarr data type, e.g. {@code <u2}. */
    public String dtype() {
        return dtype;
    }

    /** Planes along z (1 for a 2D array). */
    public int planes() {
        return shape.length == 3 ? Math.toIntExact(shape[0]) : 1;
    }

    public int width() {
        return Math.toIntExact(shape[shape.length - 1]);
    }

    public int height() {
        return Math.toIntExact(shape[shape.length - 2]);
    }

    /**
     * The rectangle {@code (x, y, w, h)} of every plane, as floats, plane after plane (x fastest); only the chunks
     * it touches are read.
     */
    public float[][] read(int x, int y, int w, int h) {
        if (x < 0 || y < 0 || w < 1 || h < 1 || x + w > width() || y + h > height()) {
            throw new IllegalArgumentException("the region " + x + "," + y + " " + w + " x " + h + " lies outside "
                    + width() + " x " + height());
        }
        int cz = shape.length == 3 ? chunks[0] : 1;
        int cy = chunks[shape.length - 2];
        int cx = chunks[shape.length - 1];
        float[][] out = new float[planes()][w * h];
        for (int kz = 0; kz * cz < planes(); kz++) {
            for (int ky = y / cy; ky * cy < y + h; ky++) {
                for (int kx = x / cx; kx * cx < x + w; kx++) {
                    float[] chunk = chunk(shape.length == 3 ? new int[] {kz, ky, kx} : new int[] {ky, kx});
                    for (int z = kz * cz; z < Math.min(planes(), (kz + 1) * cz); z++) {
                        for (int yy = Math.max(y, ky * cy); yy < Math.min(y + h, (ky + 1) * cy); yy++) {
                            for (int xx = Math.max(x, kx * cx); xx < Math.min(x + w, (kx + 1) * cx); xx++) {
                                out[z][(yy - y) * w + xx - x] = chunk[((z - kz * cz) * cy + yy - ky * cy) * cx
                                        + xx - kx * cx];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Writes every plane (x fastest; values rounded and clipped to the data type), chunk by chunk. */
    public void write(float[][] planes) {
        if (planes.length != planes() || planes[0].length != width() * height()) {
            throw new IllegalArgumentException("the data do not match the array's shape");
        }
        int cz = shape.length == 3 ? chunks[0] : 1;
        int cy = chunks[shape.length - 2];
        int cx = chunks[shape.length - 1];
        for (int kz = 0; kz * cz < planes(); kz++) {
            for (int ky = 0; ky * cy < height(); ky++) {
                for (int kx = 0; kx * cx < width(); kx++) {
                    float[] chunk = new float[cz * cy * cx]; // edge chunks are stored whole, padded with the fill
                    for (int z = kz * cz; z < Math.min(planes(), (kz + 1) * cz); z++) {
                        for (int yy = ky * cy; yy < Math.min(height(), (ky + 1) * cy); yy++) {
                            for (int xx = kx * cx; xx < Math.min(width(), (kx + 1) * cx); xx++) {
                                chunk[((z - kz * cz) * cy + yy - ky * cy) * cx + xx - kx * cx] =
                                        planes[z][yy * width() + xx];
                            }
                        }
                    }
                    int[] index = shape.length == 3 ? new int[] {kz, ky, kx} : new int[] {ky, kx};
                    try {
                        Files.write(dir.resolve(key(index)), deflate(encode(chunk)));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write a chunk of " + dir + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }

    private String key(int[] index) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < index.length; i++) {
            s.append(i == 0 ? "" : separator).append(index[i]);
        }
        return s.toString();
    }

    private float[] chunk(int[] index) {
        int n = 1;
        for (int c : chunks) {
            n *= c;
        }
        Path file = dir.resolve(key(index));
        float[] values = new float[n];
        if (!Files.exists(file)) {
            java.util.Arrays.fill(values, (float) fill);
            return values;
        }
        try {
            byte[] raw = inflate(Files.readAllBytes(file));
            int size = bytesPer(dtype);
            if (raw.length != n * size) {
                throw new IllegalArgumentException(dir.getFileName() + "/" + key(index) + " holds " + raw.length
                        + " bytes, a chunk needs " + n * size);
            }
            ByteBuffer b = ByteBuffer.wrap(raw).order(dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN);
            char kind = dtype.charAt(1);
            for (int i = 0; i < n; i++) {
                values[i] = switch (kind) {
                    case 'u' -> switch (size) {
                        case 1 -> b.get() & 0xff;
                        case 2 -> b.getShort() & 0xffff;
                        default -> (float) (b.getInt() & 0xffffffffL);
                    };
                    case 'i' -> switch (size) {
                        case 1 -> b.get();
                        case 2 -> b.getShort();
                        default -> b.getInt();
                    };
                    default -> size == 4 ? b.getFloat() : (float) b.getDouble();
                };
            }
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private byte[] encode(float[] values) {
        int size = bytesPer(dtype);
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(dtype.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN
                : ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype.substring(1)) {
                case "u1" -> b.put((byte) clip(v, 255));
                case "u2" -> b.putShort((short) clip(v, 65535));
                case "f4" -> b.putFloat(v);
                default -> throw new IllegalStateException("arrays are written as u1, u2 or f4, not " + dtype);
            }
        }
        return b.array();
    }

    private static long clip(float v, long max) {
        return !(v > 0) ? 0 : v >= max ? max : Math.round(v);
    }

    private byte[] inflate(byte[] stored) throws IOException {
        if (compressor == null) {
            return stored;
        }
        if (compressor.equals("gzip")) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(stored))) {
                return in.readAllBytes();
            }
        }
        Inflater inflater = new Inflater();
        inflater.setInput(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream(stored.length * 4);
        byte[] buffer = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IOException("a zlib chunk ended early");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException("a chunk is not zlib data: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] raw) {
        Deflater deflater = new Deflater(1);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        byte[] buffer = new byte[1 << 16];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static int bytesPer(String dtype) {
        if (dtype.length() < 3 || "<>|".indexOf(dtype.charAt(0)) < 0) {
            throw new IllegalArgumentException("data type '" + dtype + "' is not supported");
        }
        String t = dtype.substring(1);
        return switch (t) {
            case "u1", "i1" -> 1;
            case "u2", "i2" -> 2;
            case "u4", "i4", "f4" -> 4;
            case "f8" -> 8;
            default -> throw new IllegalArgumentException("data type '" + dtype + "' is not supported (u1, i1, u2, "
                    + "i2, u4, i4, f4, f8 are)");
        };
    }

    private static long[] longs(JsonArray a) {
        long[] v = new long[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsLong();
        }
        return v;
    }

    private static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }
}

package io.gochat.logic.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image size and a JPEG thumbnail (at most {@value #MAX_SIDE} px on the longer side) with javax.imageio.
 * Images ImageIO cannot read (WebP) keep no thumbnail; images above {@value #MAX_PIXELS} pixels are
 * measured from their header only and get none (a decompression bomb costs nothing).
 */
public final class Thumbnails {
    static final int MAX_SIDE = 240;
    static final long MAX_PIXELS = 40_000_000L;

    private Thumbnails() {
    }

    /** Width, height and the thumbnail (null when none could be made). */
    public record Result(int width, int height, byte[] thumbnail) {
    }

    public static Result of(byte[] image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Result(0, 0, null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if ((long) w * h > MAX_PIXELS) {
                    return new Result(w, h, null);
                }
                BufferedImage full = reader.read(0);
                return new Result(w, h, jpeg(scaled(full)));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new Result(0, 0, null);   // not an image ImageIO can read: stored, without a thumbnail
        }
    }

    private static BufferedImage scaled(BufferedImage full) {
        int w = full.getWidth();
        int h = full.getHeight();
        double f = Math.min(1.0, (double) MAX_SIDE / Math.max(w, h));
        int tw = Math.max(1, (int) Math.round(w * f));
        int th = Math.max(1, (int) Math.round(h * f));
        BufferedImage out = new BufferedImage(tw, th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, tw, th);
            g.drawImage(full, 0, 0, tw, th, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }
}

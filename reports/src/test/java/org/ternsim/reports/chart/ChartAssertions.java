// Checks a written chart: the PNG starts with the PNG signature and decodes, the SVG parses as XML with an <svg>
// root, and every expected series name appears as legend text in the SVG.
package org.ternsim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

public final class ChartAssertions {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ChartAssertions() {
    }

    public static void assertValid(RenderedChart c, String... expectedSeries) throws Exception {
        byte[] png = Files.readAllBytes(c.png());
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(png, 8), c.name() + ": PNG signature");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, c.name() + ": PNG decodes");
        assertEquals(ChartFiles.WIDTH, img.getWidth());

        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document svg = f.newDocumentBuilder().parse(c.svgFile().toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName(), c.name());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        List<String> texts = new ArrayList<>();
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        for (String s : expectedSeries) {
            assertTrue(c.series().contains(s), c.name() + ": series " + s + " in " + c.series());
            assertTrue(texts.contains(s), c.name() + ": legend text '" + s + "' in SVG texts " + texts);
        }
    }
}

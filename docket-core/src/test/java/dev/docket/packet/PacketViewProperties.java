package dev.docket.packet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docket.testing.CraftedFrame;
import dev.docket.testing.FrameArbitraries;
import dev.docket.testing.FrameRecipe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PacketViewProperties {
  @Provide
  Arbitrary<FrameRecipe> frames() {
    return FrameArbitraries.frames();
  }

  @Provide
  Arbitrary<Integer> linkTypes() {
    return FrameArbitraries.linkTypes();
  }

  @Property(tries = 1000)
  void decodesWhatTheBuilderPutInAtEveryCapturedLength(@ForAll("frames") FrameRecipe recipe) {
    CraftedFrame frame = recipe.build();
    for (int length = 0; length <= frame.bytes().length; length++) {
      DecodedFields expected = DecodedFields.expected(frame.fields().cutTo(length));
      assertThat(DecodedFields.of(frame.viewCutTo(length, 0)))
          .as("captured length %s of %s, rest of frame after the cut", length, frame.bytes().length)
          .isEqualTo(expected);
      assertThat(DecodedFields.of(frame.viewOfPrefix(length, 0)))
          .as("captured length %s of %s, buffer ends at the cut", length, frame.bytes().length)
          .isEqualTo(expected);
    }
  }

  @Property(tries = 3000)
  void randomBytesOfAnyLinkTypeDecodeWithoutThrowing(
      @ForAll @Size(max = 120) byte[] bytes,
      @ForAll @IntRange(min = 0, max = 8) int offset,
      @ForAll boolean littleEndianBuffer,
      @ForAll("linkTypes") int linkType) {
    ByteBuffer buffer = ByteBuffer.allocate(offset + bytes.length)
        .order(littleEndianBuffer ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
        .put(offset, bytes);
    PacketView packet = new PacketView();
    packet.reset(buffer, offset, bytes.length, bytes.length, 0, linkType, 0);
    DecodedFields fields = DecodedFields.of(packet);
    assertThat(fields.ipVersion()).isIn(0, 4, 6);
    assertThat(fields.vlanIds().size()).isLessThanOrEqualTo(PacketView.RECORDED_TAG_LIMIT);
    assertThat(fields.mplsLabels().size()).isLessThanOrEqualTo(PacketView.RECORDED_TAG_LIMIT);
    assertThat(fields.sourcePort() < 0).isEqualTo(fields.destinationPort() < 0);
  }
}

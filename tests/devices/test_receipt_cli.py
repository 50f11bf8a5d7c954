"""`jxc receipt` end to end: a posted sale, the command, the TCP emulator decoding it.

The first test runs `python -m app` as a user would; the others use click's CliRunner on the
same command (in-process, to keep the suite fast)."""
from __future__ import annotations

from click.testing import CliRunner
from PIL import Image

from app.cli import cli, register_commands
from app.devices.emulator import PrinterEmulator
from app.domain import text_columns as tc
from helpers import run_jxc


def jxc(layout, *args, lang="en"):
    register_commands()
    result = CliRunner().invoke(cli, ["--data-dir", str(layout.root), *args],
                                env={"JXC_LANG": lang})
    result.returncode = result.exit_code
    return result


def test_print_then_reprint_on_58mm(layout, sell):
    sale = sell("s-1")
    with PrinterEmulator(width_mm=58) as printer:
        first = run_jxc("--data-dir", str(layout.root), "receipt", sale.number,
                        "--printer", printer.url, "--width", "58", env={"JXC_LANG": "en"})
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith(f"printed: {sale.number} on {printer.url}")
        again = jxc(layout, "receipt", sale.id, "--printer", printer.url, "--width", "58")
        assert again.returncode == 0 and again.stdout.startswith("reprinted (COPY)")
        assert printer.wait_for(lambda: len(printer.events("cut")) == 2)
        original, copy = printer.receipts()
        texts = [e.text for e in printer.events("text")]
        drawer = printer.events("drawer")
    assert all(tc.width(line) <= 32 for line in printer.paper())
    assert "测  试  门  店" in original  # the store's name, in double size
    for name in ("可口可乐 500ml", "五常大米 散装", "光明 纯牛奶 250ml"):
        assert name in original and name in copy
    assert tc.spread("合计", "30.50", 16) in texts  # the double-size total, flush right
    assert tc.spread("现金", "50.00", 32) in texts and tc.spread("找零", "19.50", 32) in texts
    assert "[QR " + sale.number + "]" in original
    assert "C O P Y" not in original and "C O P Y" in copy
    assert drawer == []  # printing from the command line never opens the drawer


def test_80mm_columns_line_up_under_the_logo(layout, sell, tmp_path):
    sale = sell("s-1")
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 80), "black").save(logo)
    with PrinterEmulator(width_mm=80) as printer:
        result = jxc(layout, "receipt", sale.number, "--printer", printer.url, "--logo", str(logo))
        assert result.returncode == 0, result.stderr
        assert printer.wait_for(lambda: printer.events("cut"))
        (receipt,) = printer.receipts()
    rows = [l for l in receipt.splitlines() if l.startswith(("可口可乐", "五常大米", "光明"))]
    assert rows == ["可口可乐 500ml            2瓶     3.50      7.00",
                    "五常大米 散装           2.5kg     8.00     20.00",
                    "光明 纯牛奶 250ml         1瓶     4.50      4.50"]
    assert all(tc.width(r) == 48 for r in rows)
    assert "[BARCODE " + sale.number + "]" in receipt
    assert receipt.splitlines()[0].strip() == "[IMAGE 576x80]"  # centred in the full width


def test_printer_problems_are_one_line_in_the_users_language(layout, sell):
    sale = sell("s-1")
    with PrinterEmulator(width_mm=80) as printer:
        printer.play("paper_out")
        zh = jxc(layout, "receipt", sale.number, "--printer", printer.url, lang="zh_CN")
        en = jxc(layout, "receipt", sale.number, "--printer", printer.url)
    assert zh.returncode == 1 and zh.stderr.strip().splitlines() == [
        f"错误：打印机缺纸（{printer.url}）：请装入新纸卷，合上盖子后重试。"]
    assert en.returncode == 1 and en.stderr.startswith("Error: The printer is out of paper")
    refused = jxc(layout, "receipt", sale.number, "--printer", "tcp://127.0.0.1:1", lang="zh_CN")
    assert refused.returncode == 1 and refused.stderr.startswith("错误：连接被拒绝")
    missing = jxc(layout, "receipt", "XS-NOPE", "--printer", "file:///tmp/x.bin")
    assert missing.returncode == 1 and "XS-NOPE" in missing.stderr
    bad = jxc(layout, "receipt", sale.number, "--printer", "lpt://1")
    assert bad.returncode == 1 and "lpt" in bad.stderr and "Traceback" not in bad.stderr

"""Receipt commands: print or reprint a sale's receipt, and the printer emulator."""
from __future__ import annotations

import time

import click

from app.cli import cli
from app.persistence.layout import DataDir


@cli.command("receipt")
@click.argument("sale_id")
@click.option("--printer", "printer_url", required=True,
              help="tcp://HOST:PORT, serial://PORT?baudrate=N, usb://VID:PID, win32://NAME "
                   "or file://PATH (docs/devices.md).")
@click.option("--width", type=click.Choice(["58", "80"]), default="80", show_default=True,
              help="Paper width in mm (32 or 48 columns).")
@click.option("--logo", type=click.Path(exists=True, dir_okay=False),
              help="An image printed at the top as a raster logo.")
@click.pass_obj
def receipt(layout: DataDir, sale_id: str, printer_url: str, width: str, logo: str | None) -> None:
    """Print the receipt of a posted sale (by id or number). If it was printed before, this
    is a reprint: marked 重印/COPY, and the drawer stays shut."""
    from app.bootstrap import open_local_store
    from app.services.printing import print_receipt

    store = open_local_store(layout)
    try:
        outcome = print_receipt(store, sale_id, printer_url, width_mm=int(width), logo=logo)
    finally:
        store.close()
    what = "reprinted (COPY)" if outcome.reprint else "printed"
    if not outcome.sent_here:
        what = "queued (the running till prints it)"
    click.echo(f"{what}: {outcome.number} on {printer_url} (job {outcome.job_id})")
    if outcome.paper_near_end:
        click.echo("warning: the printer's paper is nearly out / 打印纸快用完了")


@cli.command("printer-emulator")
@click.option("--port", default=9100, show_default=True, type=int,
              help="TCP port to listen on (0 picks a free one).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--width", type=click.Choice(["58", "80"]), default="80", show_default=True)
@click.option("--play", type=click.Choice(["ok", "paper_out", "near_end", "offline", "mute"]),
              default="ok", show_default=True, help="Printer condition to play.")
def printer_emulator(port: int, host: str, width: str, play: str) -> None:
    """Training mode: a network receipt printer on this PC that shows here what it would
    print. Point the till at the tcp:// address it prints; Ctrl+C stops it."""
    from app.devices.emulator import PrinterEmulator, render

    width_mm = int(width)

    def show(event) -> None:
        if not event.printed:
            return
        for line in render([event], width_mm):
            click.echo(line)

    emulator = PrinterEmulator(port, width_mm=width_mm, host=host, on_event=show)
    emulator.play(play)
    click.echo(f"printer emulator listening on {emulator.url} ({width_mm} mm, {play}); "
               "Ctrl+C stops it")
    emulator.start()
    try:
        while True:
            time.sleep(0.2)
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()

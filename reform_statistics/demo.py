"""Demo dossier statistics: our own plausible figures for the demo province's agencies over
eight quarters, as data (`demo_data/dossier_statistics.csv`) through the importer."""

from pathlib import Path

from reform_statistics.importing import import_statistics

STATISTICS_FILE = Path(__file__).resolve().parent / "demo_data" / "dossier_statistics.csv"


def load(home, out) -> None:
    result = import_statistics(STATISTICS_FILE)
    if result.errors:
        # The file names the demo province's agencies; another province has none of them.
        out.write(f"Số liệu thống kê mẫu: bỏ qua ({result.errors[0]}).")
        return
    out.write(f"Số liệu thống kê mẫu: {result.created} dòng mới, {result.updated} dòng cập nhật.")

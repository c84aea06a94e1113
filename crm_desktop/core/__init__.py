"""The pure-Python core: Jalali dates, Persian text, words, money, phones, validators.

Never imports Qt: the CLI, the storage layer, the benchmarks and most tests use it directly.
"""

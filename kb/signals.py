"""Signals kb sends so that apps above it in the DAG can react without kb importing them.

`product_changed(sender=Product, product, fields)` goes out inside the transaction of a
back-office edit that changed one of `Product.MATERIAL_FIELDS` (`fields` lists which);
community marks the answers about the product as possibly outdated.
"""

from django.dispatch import Signal

product_changed = Signal()

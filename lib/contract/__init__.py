"""The data contract: tables, columns, codes and rules, as data."""

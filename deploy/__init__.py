"""Taking Proofsheet to AWS: the resource names (`stack.json`), the files generated from
them (`zappa_settings.json`, `policies/*.json`) and the idempotent set-up (`bootstrap`).

Nothing here is packaged for Lambda; it runs on the deployer's machine.
"""

"""The API's one router: reads and writes of a path must share it, so that
``GET`` and ``POST`` of ``/{org}/procurements`` are one URL."""

from ninja import Router

router = Router()

READ_TAGS = ["อ่านข้อมูลสาธารณะ (public reads)"]
WRITE_TAGS = ["เขียนข้อมูลด้วยโทเค็น (token writes)"]

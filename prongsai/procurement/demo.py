def load_procurement_demo(organizations):
    pass

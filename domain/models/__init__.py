"""The replicated schema. Importing this package registers every table on Base.metadata."""

from domain.models.base import (
    HIDDEN_COST,
    LEDGER,
    Base,
    Replicated,
    Replication,
    hidden_columns,
    ledger_tables,
    replicated_tables,
)
from domain.models.admin import AuditRecord, CompanySetting, RolePermission, RoleProfile
from domain.models.control import AccountingPeriod, ConflictRecord, Flag, SalesRegion
from domain.models.customer_detail import (
    CustomerContact,
    FollowUp,
    FollowUpChannel,
    InvoiceType,
    InvoicingDetails,
    ShippingAddress,
)
from domain.models.dedup import DuplicateTask, MatchField, MergeTask, TaskStatus
from domain.models.invoice import Invoice, InvoiceLine, InvoiceStatus
from domain.models.ledger import (
    MoneyAccount,
    PaymentAllocation,
    PaymentMethod,
    PaymentReceived,
    ReceivableEntry,
    ReceivableEntryType,
)
from domain.models.order_events import (
    ApprovalDecision,
    OrderApproval,
    OrderEvent,
    OrderHistory,
    OrderVerification,
    OrderVerificationLine,
)
from domain.models.org import ALL_ROLES, Department, Device, Role, User
from domain.models.party import Customer, CustomerCategory
from domain.models.payables import (
    PayableEntry,
    PayableEntryType,
    PaymentMade,
    PaymentMadeAllocation,
    SupplierOpeningBalance,
    SupplierOpeningKind,
)
from domain.models.pricing import (
    AgreedPrice,
    CategoryPrice,
    PriceAdjustment,
    PriceAdjustmentLine,
    PriceAdjustmentStatus,
    PriceKind,
    Promotion,
    PromotionKind,
)
from domain.models.printing import Orientation, PaperSize, PrintRecord, PrintTemplate
from domain.models.product import Brand, Product, ProductBarcode, ProductCategory, ProductUnit
from domain.models.purchase import GoodsReceipt, GoodsReceiptLine, Supplier
from domain.models.purchase_order import (
    PurchaseOrder,
    PurchaseOrderLine,
    PurchaseOrderStatus,
    PurchaseReturn,
    PurchaseReturnLine,
)
from domain.models.quotation import Quotation, QuotationLine, QuotationStatus
from domain.models.receivables import (
    CustomerOpeningBalance,
    CustomerOpeningKind,
    MoneyAccountEntry,
    MoneyAccountEntryType,
    ReceivableAdjustment,
    ReceivableAdjustmentKind,
)
from domain.models.sales import (
    RESERVING_STATUSES,
    DeliveryLine,
    DeliveryNote,
    OrderStatus,
    SalesOrder,
    SalesOrderLine,
)
from domain.models.sales_return import (
    DifferenceReason,
    DifferenceResolution,
    ReceiptConfirmation,
    ReceiptConfirmationLine,
    SalesReturn,
    SalesReturnLine,
)
from domain.models.statements import (
    CustomerStatement,
    CustomerStatementLine,
    StatementStatus,
    SupplierStatement,
    SupplierStatementLine,
)
from domain.models.stock import (
    NegativeStockPolicy,
    ReorderPoint,
    StockBalance,
    StockCost,
    StockMovement,
    Warehouse,
)
from domain.models.stocktake import OpeningStock, OpeningStockLine, Stocktake, StocktakeLine, StocktakeStatus
from domain.models.supplier_detail import SupplierContact
from domain.models.targets import SalesTarget
from domain.models.transfer import StockTransfer, StockTransferLine
from domain.models.user_prefs import ImportMapping, SavedFilter

__all__ = [name for name in dir() if not name.startswith("_")]
